using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Devices;
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
                "disk" => ParseDisk(el),
                "controller" => ParseController(el),
                "input" => ParseInput(el),
                "memballoon" => ParseMemballoon(el),
                "audio" => ParseAudio(el),
                "sound" => ParseSound(el),
                "serial" or "parallel" or "console" or "channel" => ParseChardev(el),
                _ => new GenericDevice { Element = StripInfo(el) },
            };
            list.Add(dev with { Info = info });
        }

        return ControllerOrder.Normalize(list.ToImmutable());
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
        if (alias is not null && options.Inactive && !alias.StartsWith("ua-", StringComparison.Ordinal))
        {
            alias = null;
        }

        var boot = el.Element("boot");
        return new DeviceInfo
        {
            Alias = alias,
            Address = el.Element("address") is { } addr ? ParseAddress(addr) : null,
            BootOrder = boot is null ? null : UInt(boot, "order"),
            BootLoadParm = boot is null ? null : Attr(boot, "loadparm"),
            Rom = el.Element("rom") is { } rom ? Clean(rom) : null,
            AcpiIndex = el.Element("acpi") is { } acpi ? UInt(acpi, "index") : null,
        };
    }

    /// <summary>Parses an &lt;address&gt; element.</summary>
    internal static DeviceAddress ParseAddress(XElement addr)
    {
        var type = Attr(addr, "type") ?? throw Error(addr, "No type specified for device address");
        switch (type)
        {
            case "pci":
                var zpci = addr.Element("zpci");
                return new PciAddress(Int(addr, "domain") ?? 0, Int(addr, "bus") ?? 0, Int(addr, "slot") ?? 0, Int(addr, "function") ?? 0)
                {
                    Multifunction = Enum(addr, "multifunction", ["on", "off"]) is { } mf ? mf == "on" : null,
                    ZpciUid = zpci is null ? null : Attr(zpci, "uid"),
                    ZpciFid = zpci is null ? null : Attr(zpci, "fid"),
                };
            case "drive":
                return new DriveAddress(Int(addr, "controller") ?? 0, Int(addr, "bus") ?? 0, Int(addr, "target") ?? 0, Int(addr, "unit") ?? 0);
            case "usb":
                return new UsbAddress(Int(addr, "bus") ?? 0, Attr(addr, "port"));
            case "ccw":
                return new CcwAddress(Int(addr, "cssid") ?? 0, Int(addr, "ssid") ?? 0, Int(addr, "devno") ?? 0);
            case "virtio-serial":
                return new VirtioSerialAddress(Int(addr, "controller") ?? 0, Int(addr, "bus") ?? 0, Int(addr, "port") ?? 0);
            case "ccid":
                return new CcidAddress(Int(addr, "controller") ?? 0, Int(addr, "slot") ?? 0);
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

    private static VideoDevice ParseVideo(XElement el)
    {
        var model = el.Element("model");
        var accel = model?.Element("acceleration");
        var res = model?.Element("resolution");
        var driver = el.Element("driver");
        var heads = model is null ? null : UInt(model, "heads");
        return new VideoDevice
        {
            ModelType = model is null ? null : Enum(model, "type", VideoModels),
            Vram = model is null ? null : ULong(model, "vram"),
            Ram = model is null ? null : ULong(model, "ram"),
            Vgamem = model is null ? null : ULong(model, "vgamem"),
            Vram64 = model is null ? null : ULong(model, "vram64"),
            Heads = heads,
            Primary = model is not null && YesNo(model, "primary") == true,
            Accel3d = accel is null ? null : Enum(accel, "accel3d", ["yes", "no"]),
            Accel2d = accel is null ? null : Enum(accel, "accel2d", ["yes", "no"]),
            AccelRendernode = accel is null ? null : Attr(accel, "rendernode"),
            ResolutionX = res is null ? null : UInt(res, "x"),
            ResolutionY = res is null ? null : UInt(res, "y"),
            DriverName = driver is null ? null : Enum(driver, "name", ["qemu", "vhostuser"]),
            DriverVgaConf = driver is null ? null : Enum(driver, "vgaconf", ["io", "on", "off"]),
            Virtio = ParseVirtio(driver),
            Extras = Others(el, [.. InfoChildren, "model", "driver"]),
        };
    }

    private static GraphicsDevice ParseGraphics(XElement el)
    {
        var type = Enum(el, "type", GraphicsTypes) ?? throw Error(el, "missing graphics device type");
        var listens = ImmutableArray.CreateBuilder<GraphicsListen>();
        foreach (var l in el.Elements("listen"))
        {
            var lt = Enum(l, "type", ["address", "network", "socket", "none"]) ?? throw Error(l, "graphics listen type must be specified");
            listens.Add(new GraphicsListen
            {
                Type = lt,
                Address = Attr(l, "address"),
                Network = Attr(l, "network"),
                Socket = Attr(l, "socket"),
                FromConfig = Attr(l, "fromConfig") is "1",
                AutoGenerated = Attr(l, "autoGenerated") is "yes",
            });
        }

        // The legacy listen/socket attributes mean a listen element when none was given;
        // with neither, VNC/SPICE listen on the configured address, or nowhere for a
        // SPICE display that asked for no port.
        if (listens.Count == 0)
        {
            if (Attr(el, "socket") is { } sock)
            {
                listens.Add(new GraphicsListen { Type = "socket", Socket = sock });
            }
            else if (Attr(el, "listen") is { } addr)
            {
                listens.Add(new GraphicsListen { Type = "address", Address = addr });
            }
            else if (type == "vnc" || (type == "spice" && (YesNo(el, "autoport") == true || Int(el, "port") is > 0 or -1 || Int(el, "tlsPort") is > 0 or -1)))
            {
                listens.Add(new GraphicsListen { Type = "address" });
            }
            else if (type == "spice")
            {
                listens.Add(new GraphicsListen { Type = "none" });
            }
        }

        var gl = el.Element("gl");
        var port = Int(el, "port");
        var autoport = YesNo(el, "autoport");

        // autoport='yes' means any port given is only the last one allocated: forget it.
        if (autoport == true && type is "vnc" or "spice")
        {
            port = port is null ? null : 0;
        }

        var ws = Int(el, "websocket");
        return new GraphicsDevice
        {
            Type = type,
            Port = port,
            TlsPort = Int(el, "tlsPort"),
            AutoPort = autoport,
            WebSocket = ws,
            Keymap = Attr(el, "keymap"),
            SharePolicy = Enum(el, "sharePolicy", ["allow-exclusive", "force-shared", "ignore"]),
            PowerControl = Enum(el, "powerControl", ["yes", "no"]),
            Passwd = Attr(el, "passwd"),
            PasswdValidTo = Attr(el, "passwdValidTo"),
            Connected = Attr(el, "connected"),
            DefaultMode = Enum(el, "defaultMode", ["any", "secure", "insecure"]),
            Display = Attr(el, "display"),
            XAuth = Attr(el, "xauth"),
            FullScreen = YesNo(el, "fullscreen") == true,
            P2p = YesNo(el, "p2p") == true,
            DbusAddress = Attr(el, "address"),
            GlEnable = gl is null ? null : Enum(gl, "enable", ["yes", "no"]),
            GlRendernode = gl is null ? null : Attr(gl, "rendernode"),
            AudioId = el.Element("audio") is { } au ? Int(au, "id") : null,
            Listens = listens.ToImmutable(),
            SpiceChildren = [.. el.Elements().Where(c => c.Name.LocalName is "channel" or "image" or "jpeg" or "zlib" or "playback" or "streaming" or "clipboard" or "mouse" or "filetransfer").Select(Clean)],
            Extras = Others(el, [.. InfoChildren, "listen", "gl", "audio", "channel", "image", "jpeg", "zlib", "playback", "streaming", "clipboard", "mouse", "filetransfer"]),
        };
    }

    private static HostdevDevice ParseHostdev(XElement el)
    {
        var mode = Enum(el, "mode", ["subsystem", "capabilities"]) ?? "subsystem";
        var type = Attr(el, "type") ?? throw Error(el, "missing type in hostdev");
        var allowed = mode == "subsystem" ? new[] { "usb", "pci", "scsi", "scsi_host", "mdev" } : ["storage", "misc", "net"];
        if (Array.IndexOf(allowed, type) < 0)
        {
            throw Error(el, $"unknown host device source address type '{type}'");
        }

        var source = el.Element("source");
        PciAddress? pci = null;
        string? mdevUuid = null;
        if (source is not null && type == "pci" && source.Element("address") is { } pa)
        {
            pci = ParseAddress(pa) as PciAddress;
        }

        if (type == "mdev")
        {
            var a = source?.Element("address") ?? throw Error(el, "Missing 'uuid' attribute for element <address>");
            mdevUuid = RequireAttr(a, "uuid");
        }

        var model = Attr(el, "model");
        if (type == "mdev")
        {
            if (model is null)
            {
                throw Error(el, "Missing 'model' attribute in mediated device's <hostdev> element");
            }

            if (model is not ("vfio-pci" or "vfio-ccw" or "vfio-ap"))
            {
                throw Error(el, $"unknown source model '{model}'");
            }
        }

        return new HostdevDevice
        {
            Mode = mode,
            Type = type,
            Managed = Enum(el, "managed", ["yes", "no"]),
            Model = model,
            Display = Enum(el, "display", ["on", "off"]),
            Ramfb = Enum(el, "ramfb", ["on", "off"]),
            Sgio = Attr(el, "sgio"),
            Rawio = Attr(el, "rawio"),
            SourcePci = pci,
            SourceMdevUuid = mdevUuid,
            Source = source is null ? null : Clean(source),
            DriverName = el.Element("driver") is { } drv ? Attr(drv, "name") : null,
            ReadOnly = el.Element("readonly") is not null,
            Shareable = el.Element("shareable") is not null,
            Extras = Others(el, [.. InfoChildren, "source", "driver", "readonly", "shareable"]),
        };
    }

    private static DiskDevice ParseDisk(XElement el)
    {
        var type = Enum(el, "type", DiskTypes) ?? "file";
        var device = Enum(el, "device", DiskDevices) ?? "disk";
        var driver = el.Element("driver");
        var target = el.Element("target") ?? throw Error(el, "missing target information for device " + ((string?)el.Element("source")?.Attribute("file") ?? (string?)el.Element("source")?.Attribute("dev") ?? ""));
        return new DiskDevice
        {
            Type = type,
            Device = device,
            Model = Attr(el, "model"),
            Snapshot = Attr(el, "snapshot"),
            Sgio = Attr(el, "sgio"),
            Rawio = Attr(el, "rawio"),
            Driver = driver is null ? [] : Attributes(driver),
            DriverChildren = driver is null ? [] : [.. driver.Elements().Select(Clean)],
            Source = el.Element("source") is { } s ? Clean(s) : null,
            TargetDev = Attr(target, "dev") ?? throw Error(target, "missing target dev"),
            TargetBus = Enum(target, "bus", ["ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", "none"]),
            TargetTray = Attr(target, "tray"),
            TargetRemovable = Attr(target, "removable"),
            TargetRotationRate = Attr(target, "rotation_rate"),
            ReadOnly = el.Element("readonly") is not null,
            Shareable = el.Element("shareable") is not null,
            Transient = el.Element("transient") is not null,
            Serial = Text(el.Element("serial")),
            Wwn = Text(el.Element("wwn")),
            Vendor = Text(el.Element("vendor")),
            Product = Text(el.Element("product")),
            Extras = Others(el, [.. InfoChildren, "driver", "source", "target", "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product"]),
        };
    }

    private static ControllerDevice ParseController(XElement el)
    {
        var type = Enum(el, "type", ControllerTypes) ?? throw Error(el, "missing controller type");
        var idxText = Attr(el, "index");
        var index = -1;
        if (idxText is not null)
        {
            if (!TryParseLong(idxText, out var iv) || iv < 0 || iv > int.MaxValue)
            {
                throw Error(el, $"Cannot parse controller index {idxText}");
            }

            index = (int)iv;
        }

        var target = el.Element("target");
        var driver = el.Element("driver");
        return new ControllerDevice
        {
            Type = type,
            Index = index,
            Model = Attr(el, "model"),
            Ports = UInt(el, "ports"),
            Vectors = UInt(el, "vectors"),
            ModelName = el.Element("model") is { } m ? Attr(m, "name") : null,
            TargetChassisNr = target is null ? null : Int(target, "chassisNr"),
            TargetChassis = target is null ? null : Int(target, "chassis"),
            TargetPort = target is null ? null : Int(target, "port"),
            TargetBusNr = target is null ? null : Int(target, "busNr"),
            TargetIndex = target is null ? null : Int(target, "index"),
            TargetHotplug = target is null ? null : Attr(target, "hotplug"),
            TargetNode = target?.Element("node") is { } node ? (TryParseLong(node.Value.Trim(), out var n) ? (int)n : throw Error(node, "invalid node")) : null,
            TargetMemReserve = target is null ? null : ULong(target, "memReserve"),
            MasterStartPort = el.Element("master") is { } master ? Int(master, "startport") : null,
            Driver = driver is null ? [] : Attributes(driver, "iommu", "ats", "packed", "page_per_vq"),
            Virtio = ParseVirtio(driver),
            Extras = Others(el, [.. InfoChildren, "model", "target", "master", "driver"]),
        };
    }

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

    private static ChardevDevice ParseChardev(XElement el)
    {
        var kind = el.Name.LocalName;
        var target = el.Element("target");
        return new ChardevDevice
        {
            Kind = kind,
            SourceType = Enum(el, "type", ["null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus"]) ?? "pty",
            Tty = Attr(el, "tty"),
            Sources = [.. el.Elements("source").Select(Clean)],
            Protocol = el.Element("protocol") is { } p ? Attr(p, "type") : null,
            TargetType = target is null ? null : Attr(target, "type"),
            TargetPort = target is null ? null : Int(target, "port"),
            TargetName = target is null ? null : Attr(target, "name"),
            TargetAddress = target is null ? null : Attr(target, "address"),
            TargetState = target is null ? null : Attr(target, "state"),
            TargetModel = target?.Element("model") is { } tm ? Attr(tm, "name") : null,
            Log = el.Element("log") is { } log ? Clean(log) : null,
            Extras = Others(el, [.. InfoChildren, "source", "protocol", "target", "log"]),
        };
    }
}
