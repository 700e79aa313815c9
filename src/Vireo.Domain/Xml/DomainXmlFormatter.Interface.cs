using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Network interface formatting, in libvirt's child order.</summary>
public static partial class DomainXmlFormatter
{
    // Host tap names libvirt generates itself; an inactive definition does not keep them.
    private static readonly string[] GeneratedIfnamePrefixes = ["vnet", "macvtap", "macvlan"];

    private static XElement FormatInterface(InterfaceDevice n, DomainFormatOptions options)
    {
        var el = new XElement(
            "interface",
            new XAttribute("type", n.Type),
            n.Type == "hostdev" && n.Managed == "yes" ? new XAttribute("managed", "yes") : null,
            A("trustGuestRxFilters", n.TrustGuestRxFilters));
        el.Add(new XElement("mac", A("address", n.Mac), A("type", n.MacType), A("check", n.MacCheck)));

        if (n.Type == "hostdev")
        {
            el.Add(n.Driver.Name is null ? null : new XElement("driver", new XAttribute("name", n.Driver.Name)));
        }

        el.Add(InterfaceSourceElement(n, options));
        el.Add(n.Vlan, n.VirtualPort, n.Bandwidth, n.Port);
        el.Add(n.GuestIp, n.PortForwards);
        el.Add(n.Script is null ? null : new XElement("script", new XAttribute("path", n.Script)));
        el.Add(n.Downscript is null ? null : new XElement("downscript", new XAttribute("path", n.Downscript)));
        el.Add(n.BackendDomain is null ? null : new XElement("backenddomain", new XAttribute("name", n.BackendDomain)));

        var keepDev = n.TargetDev is not null
            && (n.TargetManaged == "no" || !options.Inactive || !GeneratedIfnamePrefixes.Any(pfx => n.TargetDev.StartsWith(pfx, StringComparison.Ordinal)));
        if (keepDev || n.TargetManaged is not null)
        {
            el.Add(new XElement("target", A("dev", keepDev ? n.TargetDev : null), A("managed", n.TargetManaged)));
        }

        if (n.GuestDev is not null || n.GuestActual is not null)
        {
            el.Add(new XElement("guest", A("dev", n.GuestDev), A("actual", n.GuestActual)));
        }

        el.Add(n.Model is null ? null : new XElement("model", new XAttribute("type", n.Model)));
        if (n.Type != "hostdev")
        {
            el.Add(InterfaceDriverElement(n.Driver));
        }

        if (n.BackendType is not null || n.BackendLogFile is not null || n.BackendTap is not null || n.BackendVhost is not null)
        {
            el.Add(new XElement(
                "backend",
                A("type", n.BackendType == "default" ? null : n.BackendType),
                A("logFile", n.BackendLogFile),
                A("tap", n.BackendTap),
                A("vhost", n.BackendVhost)));
        }

        el.Add(n.FilterRef, n.Tune);
        if (n.TeamingType is not null)
        {
            el.Add(new XElement("teaming", new XAttribute("type", n.TeamingType), A("persistent", n.TeamingPersistent)));
        }

        el.Add(n.LinkState is null ? null : new XElement("link", new XAttribute("state", n.LinkState)));
        el.Add(n.Mtu is { } mtu ? new XElement("mtu", new XAttribute("size", mtu)) : null);
        if (n.CoalesceRxMaxFrames is { } frames and > 0)
        {
            el.Add(new XElement("coalesce", new XElement("rx", new XElement("frames", new XAttribute("max", frames)))));
        }

        el.Add(n.Extras);
        return el;
    }

    private static XElement? InterfaceSourceElement(InterfaceDevice n, DomainFormatOptions options)
    {
        var s = n.Source;
        XElement? src = null;
        switch (n.Type)
        {
            case "network":
                src = new XElement("source", A("network", s.Network), A("portgroup", s.Portgroup), options.Inactive ? null : A("portid", s.PortId));
                break;
            case "bridge" when s.Bridge is not null:
                src = new XElement("source", new XAttribute("bridge", s.Bridge));
                break;
            case "direct":
                src = new XElement("source", A("dev", s.Dev), A("mode", s.Mode ?? "vepa"));
                break;
            case "vhostuser":
                if (s.SocketType == "unix")
                {
                    src = new XElement("source", new XAttribute("type", "unix"), A("path", s.Path), new XAttribute("mode", s.Mode == "server" ? "server" : "client"));
                    src.Add(s.Reconnect);
                }

                break;
            case "server" or "client" or "mcast" or "udp":
                src = new XElement("source", A("address", s.Address), new XAttribute("port", s.Port ?? 0));
                if (n.Type == "udp")
                {
                    src.Add(new XElement("local", new XAttribute("address", s.LocalAddress ?? ""), new XAttribute("port", s.LocalPort ?? 0)));
                }

                break;
            case "internal" when s.Name is not null:
                src = new XElement("source", new XAttribute("name", s.Name));
                break;
            case "hostdev":
                if (s.HostdevPci is { } a)
                {
                    var ci = CultureInfo.InvariantCulture;
                    return new XElement(
                        "source",
                        new XElement(
                            "address",
                            new XAttribute("type", "pci"),
                            new XAttribute("domain", "0x" + a.Domain.ToString("x4", ci)),
                            new XAttribute("bus", "0x" + a.Bus.ToString("x2", ci)),
                            new XAttribute("slot", "0x" + a.Slot.ToString("x2", ci)),
                            new XAttribute("function", "0x" + a.Function.ToString("x", ci))));
                }

                return s.HostdevSource;
            case "vdpa" when s.Dev is not null:
                src = new XElement("source", new XAttribute("dev", s.Dev));
                break;
            case "user" when s.Dev is not null:
                src = new XElement("source", new XAttribute("dev", s.Dev));
                break;
            default:
                break;
        }

        if (!s.HostIp.IsDefaultOrEmpty)
        {
            src ??= new XElement("source");
            src.Add(s.HostIp);
        }

        return src;
    }

    private static XElement? InterfaceDriverElement(InterfaceDriver d)
    {
        if (d.IsEmpty)
        {
            return null;
        }

        var el = new XElement(
            "driver",
            A("name", d.Name),
            A("txmode", d.TxMode),
            A("ioeventfd", d.IoEventFd),
            A("event_idx", d.EventIdx),
            A("queues", d.Queues),
            A("rx_queue_size", d.RxQueueSize),
            A("tx_queue_size", d.TxQueueSize),
            A("rss", d.Rss),
            A("rss_hash_report", d.RssHashReport));
        el.Add(A("iommu", d.Virtio.Iommu), A("ats", d.Virtio.Ats), A("packed", d.Virtio.Packed), A("page_per_vq", d.Virtio.PagePerVq));
        if (!d.Host.IsDefaultOrEmpty)
        {
            el.Add(new XElement("host", d.Host.Select(kv => new XAttribute(kv.Key, kv.Value))));
        }

        if (!d.Guest.IsDefaultOrEmpty)
        {
            el.Add(new XElement("guest", d.Guest.Select(kv => new XAttribute(kv.Key, kv.Value))));
        }

        return el;
    }
}
