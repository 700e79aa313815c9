using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Network interface parsing.</summary>
public static partial class DomainXmlParser
{
    private static readonly string[] InterfaceTypes =
    [
        "user", "ethernet", "vhostuser", "server", "client", "mcast", "network", "bridge", "internal",
        "direct", "hostdev", "udp", "vdpa", "null", "vds",
    ];

    // NIC models libvirt knows by name; any other model name is passed to QEMU as written.
    private static readonly string[] KnownNicModels =
    [
        "netfront", "rtl8139", "virtio", "e1000", "e1000e", "virtio-transitional", "virtio-non-transitional",
        "usb-net", "spapr-vlan", "lan9118", "scm91c111", "vlance", "vmxnet", "vmxnet2", "vmxnet3",
        "Am79C970A", "Am79C973", "82540EM", "82545EM", "82543GC",
    ];

    private static readonly string[] MacvtapModes = ["vepa", "private", "bridge", "passthrough"];

    private static readonly string[] InterfaceChildren =
    [
        .. InfoChildren, "mac", "source", "vlan", "virtualport", "bandwidth", "port", "ip", "route", "portForward",
        "script", "downscript", "backenddomain", "target", "guest", "model", "driver", "backend", "filterref",
        "tune", "teaming", "link", "mtu", "coalesce",
    ];

    private static InterfaceDevice ParseInterface(XElement el, DomainParseOptions options)
    {
        var type = Enum(el, "type", InterfaceTypes) ?? "user";
        var mac = el.Element("mac");
        var model = el.Element("model") is { } m ? Attr(m, "type") : null;
        var target = el.Element("target");
        var guest = el.Element("guest");
        var backend = el.Element("backend");
        var teaming = el.Element("teaming");
        var tune = el.Element("tune");
        var macAddr = mac is null ? null : Attr(mac, "address");
        if (macAddr is not null)
        {
            macAddr = NormalizeMac(mac!, macAddr);
        }

        return new InterfaceDevice
        {
            Type = type,
            Managed = type == "hostdev" ? Enum(el, "managed", ["yes", "no"]) : null,
            TrustGuestRxFilters = Enum(el, "trustGuestRxFilters", ["yes", "no"]),
            Mac = macAddr ?? GenerateMac(options),
            MacType = mac is null ? null : Enum(mac, "type", ["generated", "static"]),
            MacCheck = mac is null ? null : Enum(mac, "check", ["yes", "no"]),
            Source = ParseInterfaceSource(el, type),
            Vlan = el.Element("vlan") is { } vlan ? Clean(vlan) : null,
            VirtualPort = el.Element("virtualport") is { } vp ? Clean(vp) : null,
            Bandwidth = el.Element("bandwidth") is { } bw ? Clean(bw) : null,
            Port = el.Element("port") is { } port ? Clean(port) : null,
            GuestIp = [.. el.Elements().Where(c => c.Name.LocalName is "ip" or "route").Select(Clean)],
            PortForwards = [.. el.Elements("portForward").Select(Clean)],
            Script = el.Element("script") is { } s ? Attr(s, "path") : null,
            Downscript = el.Element("downscript") is { } ds ? Attr(ds, "path") : null,
            BackendDomain = el.Element("backenddomain") is { } bd ? Attr(bd, "name") : null,
            TargetDev = target is null ? null : Attr(target, "dev"),
            TargetManaged = target is null ? null : Enum(target, "managed", ["yes", "no"]),
            GuestDev = guest is null ? null : Attr(guest, "dev"),
            GuestActual = guest is null ? null : Attr(guest, "actual"),
            Model = model is null ? null : CanonicalNicModel(model),
            Driver = ParseInterfaceDriver(el.Element("driver")),
            BackendType = backend is null ? null : Enum(backend, "type", ["default", "passt"]),
            BackendLogFile = backend is null ? null : Attr(backend, "logFile"),
            BackendTap = backend is null ? null : Attr(backend, "tap"),
            BackendVhost = backend is null ? null : Attr(backend, "vhost"),
            FilterRef = el.Element("filterref") is { } fr ? Clean(fr) : null,
            Tune = tune is null ? null : Clean(tune),
            SndBuf = tune?.Element("sndbuf") is { } sb && TryParseULong(sb.Value, out var sndbuf) ? sndbuf : null,
            TeamingType = teaming is null ? null : Enum(teaming, "type", ["persistent", "transient"]),
            TeamingPersistent = teaming is null ? null : Attr(teaming, "persistent"),
            LinkState = el.Element("link") is { } link ? Enum(link, "state", ["up", "down"]) : null,
            Mtu = el.Element("mtu") is { } mtu ? NonNegative(mtu, "size") : null,
            CoalesceRxMaxFrames = el.Element("coalesce")?.Element("rx")?.Element("frames") is { } fr2 ? NonNegative(fr2, "max") : null,
            Extras = Others(el, InterfaceChildren),
        };
    }

    /// <summary>A MAC address in libvirt's lower-case colon form; multicast addresses are refused.</summary>
    private static string NormalizeMac(XElement mac, string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 6 || parts.Any(p => p.Length is < 1 or > 2 || !byte.TryParse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _)))
        {
            throw Error(mac, $"unable to parse mac address '{text}'");
        }

        var bytes = parts.Select(p => byte.Parse(p, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)).ToArray();
        if ((bytes[0] & 1) != 0)
        {
            throw Error(mac, $"expected unicast mac address, found multicast '{text}'");
        }

        return string.Join(':', bytes.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>A MAC in QEMU's locally administered range 52:54:00, the rest random.</summary>
    private static string GenerateMac(DomainParseOptions options)
    {
        var tail = Enumerable.Range(0, 3).Select(_ => options.RandomBytes(1)[0]);
        return "52:54:00:" + string.Join(':', tail.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>A known model in libvirt's spelling (matched case-insensitively), else the name as written.</summary>
    private static string CanonicalNicModel(string model)
    {
        foreach (var known in KnownNicModels)
        {
            if (string.Equals(known, model, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        foreach (var c in model)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                throw new Errors.DomainConfigException(Errors.ErrorKind.InvalidArgument, "Model name contains invalid characters");
            }
        }

        return model;
    }

    /// <summary>A non-negative integer attribute, with libvirt's wording when it is not one.</summary>
    private static uint? NonNegative(XElement e, string name)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        if (TryParseULong(s, out var v) && v <= uint.MaxValue)
        {
            return (uint)v;
        }

        throw Error(e, $"Invalid value for attribute '{name}' in element '{e.Name.LocalName}': '{s}'. Expected non-negative integer value");
    }

    private static InterfaceSource ParseInterfaceSource(XElement el, string type)
    {
        var src = el.Element("source");
        if (src is null)
        {
            return new InterfaceSource();
        }

        var hostIp = src.Elements().Where(c => c.Name.LocalName is "ip" or "route").Select(Clean).ToImmutableArray();
        switch (type)
        {
            case "network":
                return new InterfaceSource { Network = Attr(src, "network"), Portgroup = Attr(src, "portgroup"), PortId = Attr(src, "portid"), HostIp = hostIp };
            case "bridge":
                return new InterfaceSource { Bridge = Attr(src, "bridge"), HostIp = hostIp };
            case "direct":
                return new InterfaceSource { Dev = Attr(src, "dev"), Mode = Enum(src, "mode", MacvtapModes) ?? "vepa", HostIp = hostIp };
            case "vhostuser":
                return new InterfaceSource
                {
                    SocketType = Attr(src, "type"),
                    Path = Attr(src, "path"),
                    Mode = Enum(src, "mode", ["server", "client"]),
                    Reconnect = src.Element("reconnect") is { } rc ? Clean(rc) : null,
                };
            case "server" or "client" or "mcast" or "udp":
                var local = src.Element("local");
                return new InterfaceSource
                {
                    Address = Attr(src, "address"),
                    Port = Int(src, "port"),
                    LocalAddress = local is null ? null : Attr(local, "address"),
                    LocalPort = local is null ? null : Int(local, "port"),
                };
            case "internal":
                return new InterfaceSource { Name = Attr(src, "name"), HostIp = hostIp };
            case "vdpa":
                return new InterfaceSource { Dev = Attr(src, "dev") };
            case "user":
                return new InterfaceSource { Dev = Attr(src, "dev"), HostIp = hostIp };
            case "hostdev":
                if (src.Element("address") is { } a && (Attr(a, "type") ?? "pci") == "pci" && src.Element("vendor") is null)
                {
                    return new InterfaceSource
                    {
                        HostdevPci = new PciAddress(Int(a, "domain") ?? 0, Int(a, "bus") ?? 0, Int(a, "slot") ?? 0, Int(a, "function") ?? 0),
                    };
                }

                return new InterfaceSource { HostdevSource = Clean(src) };
            default:
                return new InterfaceSource { HostIp = hostIp };
        }
    }

    private static InterfaceDriver ParseInterfaceDriver(XElement? driver)
    {
        if (driver is null)
        {
            return new InterfaceDriver();
        }

        static ImmutableArray<KeyValuePair<string, string>> Offloads(XElement? e, string[] names)
        {
            if (e is null)
            {
                return [];
            }

            var b = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            foreach (var n in names)
            {
                if (OnOff(e, n) is { } v)
                {
                    b.Add(new(n, v));
                }
            }

            return b.ToImmutable();
        }

        return new InterfaceDriver
        {
            Name = Attr(driver, "name"),
            TxMode = Enum(driver, "txmode", ["iothread", "timer"]),
            IoEventFd = OnOff(driver, "ioeventfd"),
            EventIdx = OnOff(driver, "event_idx"),
            Queues = NonNegative(driver, "queues"),
            RxQueueSize = NonNegative(driver, "rx_queue_size"),
            TxQueueSize = NonNegative(driver, "tx_queue_size"),
            Rss = OnOff(driver, "rss"),
            RssHashReport = OnOff(driver, "rss_hash_report"),
            Virtio = ParseVirtio(driver),
            Host = Offloads(driver.Element("host"), ["csum", "gso", "tso4", "tso6", "ecn", "ufo", "mrg_rxbuf"]),
            Guest = Offloads(driver.Element("guest"), ["csum", "tso4", "tso6", "ecn", "ufo"]),
        };
    }
}
