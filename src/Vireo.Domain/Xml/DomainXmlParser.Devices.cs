using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Device parsing.</summary>
public static partial class DomainXmlParser
{
    // Device elements libvirt knows; those without a typed record become GenericDevice.
    private static readonly string[] DeviceElements =
    [
        "disk", "controller", "lease", "filesystem", "interface", "input", "sound", "audio", "video",
        "hostdev", "graphics", "redirdev", "redirfilter", "hub", "smartcard", "serial", "parallel",
        "console", "channel", "watchdog", "memballoon", "nvram", "rng", "panic", "shmem", "memory",
        "iommu", "vsock", "tpm", "crypto",
    ];

    private static readonly string[] InfoChildren = ["alias", "address", "boot", "rom", "acpi"];

    private static readonly string[] VideoModels = ["vga", "cirrus", "vmvga", "xen", "vbox", "qxl", "parallels", "virtio", "gop", "none", "bochs", "ramfb"];

    private static readonly string[] GraphicsTypes = ["sdl", "vnc", "rdp", "desktop", "spice", "egl-headless", "dbus"];

    private static readonly string[] ControllerTypes = ["ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb", "pci", "xenbus", "isa"];

    private static readonly string[] InputTypes = ["mouse", "tablet", "keyboard", "passthrough", "evdev"];

    private static readonly string[] InputBuses = ["ps2", "usb", "xen", "parallels", "virtio", "none"];

    private static readonly string[] DiskTypes = ["file", "block", "dir", "network", "volume", "nvme", "vhostuser"];

    private static readonly string[] DiskDevices = ["disk", "cdrom", "floppy", "lun"];

    private static ImmutableArray<DomainDevice> ParseDevices(XElement devices, DomainParseOptions options)
    {
        CheckDeviceCount(devices, options.MaxDevices);
        var list = ImmutableArray.CreateBuilder<DomainDevice>();
        foreach (var el in devices.Elements())
        {
            var name = el.Name.LocalName;
            if (el.Name.NamespaceName.Length != 0 || Array.IndexOf(DeviceElements, name) < 0)
            {
                continue;
            }

            var info = ParseInfo(el, options);
            DomainDevice dev = name switch
            {
                "video" => ParseVideo(el),
                "graphics" => ParseGraphics(el),
                "hostdev" => ParseHostdev(el),
                "disk" => ParseDisk(el, options),
                "filesystem" => ParseFilesystem(el),
                "controller" => ParseController(el),
                "input" => ParseInput(el),
                "memballoon" => ParseMemballoon(el),
                "audio" => ParseAudio(el),
                "sound" => ParseSound(el),
                "serial" or "parallel" or "console" or "channel" => ParseChardev(el),
                "interface" => ParseInterface(el, options),
                "smartcard" => ParseSmartcard(el),
                "tpm" => ParseTpm(el),
                "rng" => ParseRng(el),
                "watchdog" => ParseWatchdog(el),
                "panic" => ParsePanic(el),
                "shmem" => ParseShmem(el),
                "vsock" => ParseVsock(el),
                _ => new GenericDevice { Element = StripInfo(el) },
            };
            list.Add(dev with { Info = info });
        }

        return DiskOrder.Normalize(ControllerOrder.Normalize(list.ToImmutable()));
    }

    /// <summary>Refuses a &lt;devices&gt; with more than <paramref name="max"/> child elements, at the first one too many.</summary>
    private static void CheckDeviceCount(XElement devices, int max)
    {
        var count = 0;
        foreach (var el in devices.Elements())
        {
            if (++count > max)
            {
                throw new DomainXmlException(
                    $"too many devices: more than {max} elements in <devices>",
                    "/domain/devices",
                    SecureXml.LineOf(el));
            }
        }
    }

    private static ImmutableArray<XElement> UnknownDeviceElements(XElement devices) =>
        [.. devices.Elements().Where(e => e.Name.LocalName != "emulator" && (e.Name.NamespaceName.Length != 0 || Array.IndexOf(DeviceElements, e.Name.LocalName) < 0)).Select(Clean)];

    private static XElement StripInfo(XElement el)
    {
        var copy = Clean(el);
        foreach (var c in copy.Elements().Where(c => Array.IndexOf(InfoChildren, c.Name.LocalName) >= 0).ToList())
        {
            c.Remove();
        }

        return copy;
    }

    private static DeviceInfo ParseInfo(XElement el, DomainParseOptions options)
    {
        var alias = el.Element("alias") is { } a ? Attr(a, "name") : null;
        if (alias is not null && options.Inactive && !IsUserAlias(alias))
        {
            alias = null;
        }

        var boot = el.Element("boot");
        return new DeviceInfo
        {
            Alias = alias,
            Address = el.Element("address") is { } addr && !IsUnassignedCcw(addr) ? ParseAddress(addr) : null,
            BootOrder = boot is null ? null : UInt(boot, "order"),
            BootLoadParm = boot is null ? null : Attr(boot, "loadparm"),
            Rom = el.Element("rom") is { } rom ? Clean(rom) : null,
            AcpiIndex = el.Element("acpi") is { } acpi ? UInt(acpi, "index") : null,
        };
    }

    /// <summary>
    /// An alias an inactive definition keeps: the <c>ua-</c> prefix and only ASCII letters,
    /// digits, '_' and '-' (libvirt's USER_ALIAS_CHARS, checked by virsh domxml-to-native on
    /// libvirt 9.0: <c>ua-x,id=y</c> and <c>ua-x.y</c> are dropped and the device gets its
    /// generated alias). The alias becomes a QEMU id, so nothing else may pass.
    /// </summary>
    private static bool IsUserAlias(string alias) =>
        alias.StartsWith("ua-", StringComparison.Ordinal)
        && alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>A <c>&lt;address type='ccw'/&gt;</c> without cssid/ssid/devno asks for an automatic CCW address.</summary>
    private static bool IsUnassignedCcw(XElement addr) =>
        Attr(addr, "type") == "ccw" && addr.Attribute("cssid") is null && addr.Attribute("ssid") is null && addr.Attribute("devno") is null;

    /// <summary>Parses an &lt;address&gt; element.</summary>
    internal static DeviceAddress ParseAddress(XElement addr)
    {
        var type = Attr(addr, "type") ?? throw Error(addr, "No type specified for device address");
        switch (type)
        {
            case "pci":
                var zpci = addr.Element("zpci");
                return new PciAddress(UInt(addr, "domain") ?? 0, UInt(addr, "bus") ?? 0, UInt(addr, "slot") ?? 0, UInt(addr, "function") ?? 0)
                {
                    Multifunction = Enum(addr, "multifunction", ["on", "off"]) is { } mf ? mf == "on" : null,
                    ZpciUid = zpci is null ? null : Attr(zpci, "uid"),
                    ZpciFid = zpci is null ? null : Attr(zpci, "fid"),
                };
            case "drive":
                return new DriveAddress(UInt(addr, "controller") ?? 0, UInt(addr, "bus") ?? 0, UInt(addr, "target") ?? 0, UInt(addr, "unit") ?? 0);
            case "usb":
                return new UsbAddress(UInt(addr, "bus") ?? 0, Attr(addr, "port"));
            case "ccw":
                return new CcwAddress(UInt(addr, "cssid") ?? 0, UInt(addr, "ssid") ?? 0, UInt(addr, "devno") ?? 0);
            case "virtio-serial":
                return new VirtioSerialAddress(UInt(addr, "controller") ?? 0, UInt(addr, "bus") ?? 0, UInt(addr, "port") ?? 0);
            case "ccid":
                return new CcidAddress(UInt(addr, "controller") ?? 0, UInt(addr, "slot") ?? 0);
            case "spapr-vio":
                return new SpaprVioAddress(ULong(addr, "reg"));
            case "virtio-mmio" or "isa" or "dimm" or "virtio-s390" or "unassigned" or "none":
                return new OtherAddress(type, Attributes(addr, "type"));
            default:
                throw Error(addr, $"unknown address type '{type}'");
        }
    }

    private static VirtioOptions ParseVirtio(XElement? driver) => driver is null ? new VirtioOptions() : new VirtioOptions
    {
        Iommu = OnOff(driver, "iommu"),
        Ats = OnOff(driver, "ats"),
        Packed = OnOff(driver, "packed"),
        PagePerVq = OnOff(driver, "page_per_vq"),
    };

    private static InputDevice ParseInput(XElement el) => new()
    {
        Type = Enum(el, "type", InputTypes) ?? throw Error(el, "missing input device type"),
        Bus = Enum(el, "bus", InputBuses),
        Model = Attr(el, "model"),
        Source = el.Element("source") is { } s ? Clean(s) : null,
        Virtio = ParseVirtio(el.Element("driver")),
        Extras = Others(el, [.. InfoChildren, "source", "driver"]),
    };

    private static MemballoonDevice ParseMemballoon(XElement el)
    {
        var driver = el.Element("driver");
        return new MemballoonDevice
        {
            Model = Enum(el, "model", ["virtio", "xen", "none", "virtio-transitional", "virtio-non-transitional"]) ?? throw Error(el, "balloon memory model must be specified"),
            AutoDeflate = Enum(el, "autodeflate", ["on", "off"]),
            FreePageReporting = Enum(el, "freePageReporting", ["on", "off"]),
            StatsPeriod = el.Element("stats") is { } st ? Int(st, "period") : null,
            Virtio = ParseVirtio(driver),
            Extras = Others(el, [.. InfoChildren, "stats", "driver"]),
        };
    }

    private static AudioDevice ParseAudio(XElement el)
    {
        var id = UInt(el, "id") ?? throw Error(el, "missing audio 'id' attribute");
        if (id == 0)
        {
            throw Error(el, "audio 'id' must be greater than 0");
        }

        return new AudioDevice
        {
            Id = id,
            Type = Enum(el, "type", ["none", "alsa", "coreaudio", "jack", "oss", "pulseaudio", "sdl", "spice", "file", "dbus"]) ?? throw Error(el, "missing audio 'type' attribute"),
            Attributes = Attributes(el, "id", "type"),
            Children = [.. el.Elements().Select(Clean)],
        };
    }

    private static SoundDevice ParseSound(XElement el) => new()
    {
        Model = Enum(el, "model", ["sb16", "es1370", "pcspk", "ac97", "ich6", "ich9", "usb", "ich7"]) ?? throw Error(el, "missing sound model"),
        Codecs = [.. el.Elements("codec").Select(c => RequireAttr(c, "type"))],
        AudioId = el.Element("audio") is { } a ? Int(a, "id") : null,
        Extras = Others(el, [.. InfoChildren, "codec", "audio"]),
    };

}
