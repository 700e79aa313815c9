using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Device formatting, in libvirt's element and attribute order.</summary>
public static partial class DomainXmlFormatter
{
    // libvirt's canonical order of disk <driver> attributes.
    private static readonly string[] DiskDriverOrder =
    [
        "name", "type", "cache", "error_policy", "rerror_policy", "io", "ioeventfd", "event_idx", "copy_on_read",
        "discard", "iothread", "detect_zeroes", "queues", "queue_size", "iommu", "ats", "packed", "page_per_vq",
    ];

    private static readonly string[] SpiceChildOrder = ["channel", "image", "jpeg", "zlib", "playback", "streaming", "clipboard", "mouse", "filetransfer"];

    private static XElement FormatDevice(DomainDevice dev, DomainFormatOptions options)
    {
        var el = dev switch
        {
            VideoDevice v => FormatVideo(v),
            GraphicsDevice g => FormatGraphics(g, options),
            HostdevDevice h => FormatHostdev(h),
            DiskDevice d => FormatDisk(d),
            ControllerDevice c => FormatController(c),
            InputDevice i => FormatInput(i),
            MemballoonDevice m => FormatMemballoon(m),
            AudioDevice a => new XElement("audio", new XAttribute("id", a.Id), new XAttribute("type", a.Type), a.Attributes.Select(kv => new XAttribute(kv.Key, kv.Value)), a.Children),
            SoundDevice s => FormatSound(s),
            ChardevDevice ch => FormatChardev(ch, options),
            GenericDevice gd => new XElement(gd.Element),
            _ => throw new InvalidOperationException("unknown device record " + dev.GetType().Name),
        };

        AppendInfo(el, dev);

        // Memballoon's virtio <driver> follows its address.
        if (dev is MemballoonDevice mb)
        {
            el.Add(VirtioDriver(null, mb.Virtio));
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

    private static XElement FormatVideo(VideoDevice v)
    {
        var el = new XElement("video");
        XElement? driver = v.DriverName is null && v.DriverVgaConf is null ? null : new XElement("driver", A("name", v.DriverName), A("vgaconf", v.DriverVgaConf));
        el.Add(VirtioDriver(driver, v.Virtio));
        if (v.ModelType is not null)
        {
            var model = new XElement(
                "model",
                new XAttribute("type", v.ModelType),
                A("ram", v.Ram),
                A("vram", v.Vram),
                A("vram64", v.Vram64),
                A("vgamem", v.Vgamem),
                A("heads", v.Heads),
                v.Primary ? new XAttribute("primary", "yes") : null);
            if (v.Accel3d is not null || v.Accel2d is not null || v.AccelRendernode is not null)
            {
                model.Add(new XElement("acceleration", A("accel3d", v.Accel3d), A("accel2d", v.Accel2d), A("rendernode", v.AccelRendernode)));
            }

            if (v.ResolutionX is not null || v.ResolutionY is not null)
            {
                model.Add(new XElement("resolution", A("x", v.ResolutionX), A("y", v.ResolutionY)));
            }

            el.Add(model);
        }

        el.Add(v.Extras);
        return el;
    }

    private static XElement FormatGraphics(GraphicsDevice g, DomainFormatOptions options)
    {
        var el = new XElement("graphics", new XAttribute("type", g.Type));
        var first = g.FirstListen;
        switch (g.Type)
        {
            case "vnc":
                if (first?.Type == "socket")
                {
                    if (first.Socket is not null && !first.AutoGenerated && !first.FromConfig)
                    {
                        el.Add(new XAttribute("socket", first.Socket));
                    }
                }
                else
                {
                    var autoport = g.AutoPort == true;
                    if (g.Port is > 0 && (!autoport || !options.Inactive))
                    {
                        el.Add(new XAttribute("port", g.Port));
                    }
                    else if (autoport)
                    {
                        el.Add(new XAttribute("port", -1));
                    }

                    el.Add(new XAttribute("autoport", autoport ? "yes" : "no"));
                    if (g.WebSocketGenerated && options.Inactive)
                    {
                        el.Add(new XAttribute("websocket", -1));
                    }
                    else if (g.WebSocket is { } ws && ws != 0)
                    {
                        el.Add(new XAttribute("websocket", ws));
                    }

                    AddListenAttr(el, first, options);
                }

                el.Add(A("keymap", g.Keymap), A("sharePolicy", g.SharePolicy), A("powerControl", g.PowerControl));
                AddAuthAttrs(el, g, options);
                break;
            case "spice":
                el.Add(g.Port is > 0 ? new XAttribute("port", g.Port) : null);
                el.Add(g.TlsPort is > 0 ? new XAttribute("tlsPort", g.TlsPort) : null);
                if (first?.Type is "address" or "network")
                {
                    el.Add(new XAttribute("autoport", g.AutoPort == true ? "yes" : "no"));
                }

                AddListenAttr(el, first, options);
                el.Add(A("keymap", g.Keymap));
                el.Add(g.DefaultMode is not null and not "any" ? new XAttribute("defaultMode", g.DefaultMode) : null);
                AddAuthAttrs(el, g, options);
                break;
            case "sdl":
                el.Add(A("display", g.Display), A("xauth", g.XAuth), g.FullScreen ? new XAttribute("fullscreen", "yes") : null);
                break;
            case "dbus":
                el.Add(g.P2p ? new XAttribute("p2p", "yes") : null, A("address", g.DbusAddress));
                break;
            default:
                break;
        }

        foreach (var l in g.Listens)
        {
            el.Add(FormatListen(l, options));
        }

        el.Add(g.SpiceChildren.OrderBy(c => Array.IndexOf(SpiceChildOrder, c.Name.LocalName)));
        if (g.GlEnable is not null || g.GlRendernode is not null)
        {
            el.Add(new XElement("gl", A("enable", g.GlEnable), A("rendernode", g.GlRendernode)));
        }

        el.Add(g.AudioId is { } aid ? new XElement("audio", new XAttribute("id", aid)) : null);
        el.Add(g.Extras);
        return el;
    }

    private static void AddListenAttr(XElement el, GraphicsListen? first, DomainFormatOptions options)
    {
        if (first is { Type: "address", Address: not null } && !(first.FromConfig && options.Inactive))
        {
            el.Add(new XAttribute("listen", first.Address));
        }
    }

    private static void AddAuthAttrs(XElement el, GraphicsDevice g, DomainFormatOptions options)
    {
        if (g.Passwd is not null && !options.Secure)
        {
            el.Add(new XAttribute("passwd", g.Passwd));
        }

        el.Add(A("passwdValidTo", g.PasswdValidTo), A("connected", g.Connected));
    }

    private static XElement FormatListen(GraphicsListen l, DomainFormatOptions options)
    {
        var el = new XElement("listen", new XAttribute("type", l.Type));
        if (l.Address is not null && !(l.FromConfig && options.Inactive))
        {
            el.Add(new XAttribute("address", l.Address));
        }

        el.Add(A("network", l.Network));
        if (l.Socket is not null && !(l.AutoGenerated && options.Inactive))
        {
            el.Add(new XAttribute("socket", l.Socket));
        }

        if (!options.Inactive)
        {
            el.Add(l.FromConfig ? new XAttribute("fromConfig", "1") : null);
            el.Add(l.AutoGenerated ? new XAttribute("autoGenerated", "yes") : null);
        }

        return el;
    }

    private static XElement FormatHostdev(HostdevDevice h)
    {
        var el = new XElement(
            "hostdev",
            new XAttribute("mode", h.Mode),
            new XAttribute("type", h.Type),
            A("managed", h.Managed),
            A("sgio", h.Sgio),
            A("rawio", h.Rawio),
            A("model", h.Model),
            A("display", h.Display),
            A("ramfb", h.Ramfb));
        el.Add(h.DriverName is null ? null : new XElement("driver", new XAttribute("name", h.DriverName)));
        el.Add(h.Source);
        el.Add(h.ReadOnly ? new XElement("readonly") : null);
        el.Add(h.Shareable ? new XElement("shareable") : null);
        el.Add(h.Extras);
        return el;
    }

    private static XElement FormatDisk(DiskDevice d)
    {
        var el = new XElement(
            "disk",
            new XAttribute("type", d.Type),
            new XAttribute("device", d.Device),
            A("model", d.Model),
            A("rawio", d.Rawio),
            A("sgio", d.Sgio),
            A("snapshot", d.Snapshot));
        if (!d.Driver.IsDefaultOrEmpty || !d.DriverChildren.IsDefaultOrEmpty)
        {
            var drv = new XElement("driver", OrderAttrs(d.Driver, DiskDriverOrder));
            drv.Add(d.DriverChildren);
            el.Add(drv);
        }

        el.Add(d.Extras.Where(e => e.Name.LocalName == "auth"));
        el.Add(d.Source);
        el.Add(d.Extras.Where(e => e.Name.LocalName == "backingStore"));
        el.Add(new XElement("target", new XAttribute("dev", d.TargetDev!), A("bus", d.TargetBus), A("tray", d.TargetTray), A("removable", d.TargetRemovable), A("rotation_rate", d.TargetRotationRate)));
        el.Add(d.Extras.Where(e => e.Name.LocalName is "iotune" or "blockio" or "geometry"));
        el.Add(d.ReadOnly ? new XElement("readonly") : null);
        el.Add(d.Shareable ? new XElement("shareable") : null);
        el.Add(d.Transient ? new XElement("transient") : null);
        el.Add(d.Serial is null ? null : new XElement("serial", d.Serial));
        el.Add(d.Wwn is null ? null : new XElement("wwn", d.Wwn));
        el.Add(d.Vendor is null ? null : new XElement("vendor", d.Vendor));
        el.Add(d.Product is null ? null : new XElement("product", d.Product));
        el.Add(d.Extras.Where(e => e.Name.LocalName is not ("auth" or "backingStore" or "iotune" or "blockio" or "geometry")));
        return el;
    }

    private static IEnumerable<XAttribute> OrderAttrs(ImmutableArray<KeyValuePair<string, string>> attrs, string[] order) =>
        attrs.OrderBy(kv => Array.IndexOf(order, kv.Key) is var i && i < 0 ? order.Length : i).Select(kv => new XAttribute(kv.Key, kv.Value));

    private static XElement FormatController(ControllerDevice c)
    {
        var ci = CultureInfo.InvariantCulture;
        var el = new XElement(
            "controller",
            new XAttribute("type", c.Type),
            new XAttribute("index", c.Index),
            A("model", c.Model),
            A("ports", c.Ports),
            A("vectors", c.Vectors));
        el.Add(c.ModelName is null ? null : new XElement("model", new XAttribute("name", c.ModelName)));
        if (c.TargetChassisNr is not null || c.TargetChassis is not null || c.TargetPort is not null || c.TargetBusNr is not null
            || c.TargetIndex is not null || c.TargetHotplug is not null || c.TargetNode is not null || c.TargetMemReserve is not null)
        {
            el.Add(new XElement(
                "target",
                A("chassisNr", c.TargetChassisNr),
                A("chassis", c.TargetChassis),
                A("port", c.TargetPort is { } p ? "0x" + p.ToString("x", ci) : null),
                A("busNr", c.TargetBusNr),
                A("index", c.TargetIndex),
                A("hotplug", c.TargetHotplug),
                A("memReserve", c.TargetMemReserve),
                c.TargetNode is { } n ? new XElement("node", n) : null));
        }

        XElement? driver = c.Driver.IsDefaultOrEmpty ? null : new XElement("driver", c.Driver.Select(kv => new XAttribute(kv.Key, kv.Value)));
        el.Add(VirtioDriver(driver, c.Virtio));
        el.Add(c.Extras);
        return el;
    }

    private static XElement FormatInput(InputDevice i)
    {
        var el = new XElement("input", new XAttribute("type", i.Type), A("bus", i.Bus), A("model", i.Model));
        el.Add(i.Source);
        el.Add(VirtioDriver(null, i.Virtio));
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

    private static XElement FormatChardev(ChardevDevice ch, DomainFormatOptions options)
    {
        var el = new XElement(ch.Kind, new XAttribute("type", ch.SourceType));
        if (!options.Inactive && ch.SourceType == "pty" && ch.Tty is not null)
        {
            el.Add(new XAttribute("tty", ch.Tty));
        }

        // A UNIX socket whose path the engine generates has no <source> to write back.
        el.Add(ch.SourceType == "unix" ? ch.Sources.Where(src => src.Attribute("path") is not null) : ch.Sources);
        el.Add(ch.Protocol is null ? null : new XElement("protocol", new XAttribute("type", ch.Protocol)));
        el.Add(ch.Log);
        if (ch.TargetType is not null || ch.TargetPort is not null || ch.TargetName is not null || ch.TargetAddress is not null || ch.TargetModel is not null)
        {
            var t = new XElement(
                "target",
                A("type", ch.TargetType),
                A("address", ch.TargetAddress),
                A("name", ch.TargetName),
                A("state", ch.TargetState),
                A("port", ch.TargetPort));
            if (ch.TargetModel is not null)
            {
                t.Add(new XElement("model", new XAttribute("name", ch.TargetModel)));
            }

            el.Add(t);
        }

        el.Add(ch.Extras);
        return el;
    }
}
