using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Device formatting, in libvirt's element and attribute order.</summary>
public static partial class DomainXmlFormatter
{
    private static readonly string[] SpiceChildOrder = ["channel", "image", "jpeg", "zlib", "playback", "streaming", "clipboard", "mouse", "filetransfer"];

    private static XElement FormatDevice(DomainDevice dev, DomainFormatOptions options)
    {
        var el = dev switch
        {
            VideoDevice v => FormatVideo(v),
            GraphicsDevice g => FormatGraphics(g, options),
            HostdevDevice h => FormatHostdev(h),
            DiskDevice d => FormatDisk(d, options),
            FilesystemDevice f => FormatFilesystem(f),
            ControllerDevice c => FormatController(c),
            InputDevice i => FormatInput(i),
            MemballoonDevice m => FormatMemballoon(m),
            AudioDevice a => new XElement("audio", new XAttribute("id", a.Id), new XAttribute("type", a.Type), a.Attributes.Select(kv => new XAttribute(kv.Key, kv.Value)), a.Children),
            SoundDevice s => FormatSound(s),
            ChardevDevice ch => FormatChardev(ch, options),
            InterfaceDevice n => FormatInterface(n, options),
            SmartcardDevice sc => FormatSmartcard(sc),
            TpmDevice t => FormatTpm(t),
            RngDevice r => new XElement(r.Element),
            WatchdogDevice w => new XElement("watchdog", new XAttribute("model", w.Model), new XAttribute("action", w.Action ?? "reset")),
            PanicDevice pd => new XElement("panic", A("model", pd.Model)),
            ShmemDevice sh => FormatShmem(sh),
            VsockDevice vs => FormatVsock(vs, options),
            GenericDevice { ElementName: "redirfilter" } rf => FormatRedirFilter(rf),
            GenericDevice gd => new XElement(gd.Element),
            _ => throw new InvalidOperationException("unknown device record " + dev.GetType().Name),
        };

        AppendInfo(el, dev);

        // Memballoon's virtio <driver> follows its address.
        if (dev is MemballoonDevice mb)
        {
            el.Add(VirtioDriver(null, mb.Virtio));
        }

        // So does vsock's.
        if (dev is VsockDevice vsock)
        {
            el.Add(VirtioDriver(null, vsock.Virtio));
        }

        return el;
    }

    private static void AppendInfo(XElement el, DomainDevice dev)
    {
        var info = dev.Info;
        if (info.BootOrder is { } order)
        {
            el.Add(new XElement("boot", new XAttribute("order", order), A("loadparm", info.BootLoadParm)));
        }

        el.Add(info.Alias is null ? null : new XElement("alias", new XAttribute("name", info.Alias)));
        if (dev is ControllerDevice { MasterStartPort: { } sp })
        {
            el.Add(new XElement("master", new XAttribute("startport", sp)));
        }

        el.Add(info.Rom);
        el.Add(info.AcpiIndex is { } ai ? new XElement("acpi", new XAttribute("index", ai)) : null);
        el.Add(info.Address is null ? null : FormatAddress(info.Address));
    }

    /// <summary>Formats an address element.</summary>
    public static XElement FormatAddress(DeviceAddress address)
    {
        var ci = CultureInfo.InvariantCulture;
        switch (address)
        {
            case PciAddress p:
                var pe = new XElement(
                    "address",
                    new XAttribute("type", "pci"),
                    new XAttribute("domain", "0x" + p.Domain.ToString("x4", ci)),
                    new XAttribute("bus", "0x" + p.Bus.ToString("x2", ci)),
                    new XAttribute("slot", "0x" + p.Slot.ToString("x2", ci)),
                    new XAttribute("function", "0x" + p.Function.ToString("x", ci)),
                    A("multifunction", p.Multifunction is { } mf ? (mf ? "on" : "off") : null));
                if (p.ZpciUid is not null || p.ZpciFid is not null)
                {
                    pe.Add(new XElement("zpci", A("uid", p.ZpciUid), A("fid", p.ZpciFid)));
                }

                return pe;
            case DriveAddress d:
                return new XElement("address", new XAttribute("type", "drive"), new XAttribute("controller", d.Controller), new XAttribute("bus", d.Bus), new XAttribute("target", d.Target), new XAttribute("unit", d.Unit));
            case UsbAddress u:
                return new XElement("address", new XAttribute("type", "usb"), new XAttribute("bus", u.Bus), A("port", u.Port));
            case CcwAddress c:
                return new XElement("address", new XAttribute("type", "ccw"), new XAttribute("cssid", "0x" + c.Cssid.ToString("x", ci)), new XAttribute("ssid", "0x" + c.Ssid.ToString("x", ci)), new XAttribute("devno", "0x" + c.Devno.ToString("x4", ci)));
            case VirtioSerialAddress v:
                return new XElement("address", new XAttribute("type", "virtio-serial"), new XAttribute("controller", v.Controller), new XAttribute("bus", v.Bus), new XAttribute("port", v.Port));
            case CcidAddress cc:
                return new XElement("address", new XAttribute("type", "ccid"), new XAttribute("controller", cc.Controller), new XAttribute("slot", cc.Slot));
            case SpaprVioAddress s:
                return new XElement("address", new XAttribute("type", "spapr-vio"), A("reg", s.Reg is { } reg ? "0x" + reg.ToString("x8", ci) : null));
            case OtherAddress o:
                return new XElement("address", new XAttribute("type", o.Type), o.Attributes.Select(kv => new XAttribute(kv.Key, kv.Value)));
            default:
                throw new InvalidOperationException("unknown address record");
        }
    }

    private static XElement? VirtioDriver(XElement? driver, VirtioOptions v)
    {
        if (v.IsEmpty)
        {
            return driver;
        }

        driver ??= new XElement("driver");
        driver.Add(A("iommu", v.Iommu), A("ats", v.Ats), A("packed", v.Packed), A("page_per_vq", v.PagePerVq));
        return driver;
    }

    private static XElement FormatInput(InputDevice i)
    {
        var el = new XElement("input", new XAttribute("type", i.Type), A("bus", i.Bus), A("model", i.Model));
        el.Add(VirtioDriver(null, i.Virtio));
        el.Add(i.Source);
        el.Add(i.Extras);
        return el;
    }

    private static XElement FormatMemballoon(MemballoonDevice m)
    {
        var el = new XElement("memballoon", new XAttribute("model", m.Model), A("autodeflate", m.AutoDeflate), A("freePageReporting", m.FreePageReporting));
        el.Add(m.StatsPeriod is { } p ? new XElement("stats", new XAttribute("period", p)) : null);
        el.Add(m.Extras);
        return el;
    }

    private static XElement FormatSound(SoundDevice s)
    {
        var el = new XElement("sound", new XAttribute("model", s.Model));
        foreach (var c in s.Codecs)
        {
            el.Add(new XElement("codec", new XAttribute("type", c)));
        }

        el.Add(s.AudioId is { } a ? new XElement("audio", new XAttribute("id", a)) : null);
        el.Add(s.Extras);
        return el;
    }

}
