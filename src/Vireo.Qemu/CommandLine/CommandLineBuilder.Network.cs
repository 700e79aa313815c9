using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Network interfaces: the host backend (-netdev, and what it needs) and the guest NIC (-device).</summary>
internal sealed partial class CommandLineBuilder
{
    // Fixed descriptors of libvirt's test harness: tap (and macvtap) queue i is fd 3+i,
    // vhost-net queue i is fd 44+i, a vDPA device is fd 1732.
    private const int HarnessTapFd = 3;
    private const int HarnessVhostFd = 44;
    private const int HarnessVdpaFd = 1732;

    private int fdSetNext;

    /// <summary>The next -add-fd set number; sets are numbered from 0 per domain, in command-line order.</summary>
    private int NextFdSet() => fdSetNext++;

    private void BuildNetworks()
    {
        var boot = BootIndexes();
        foreach (var net in def.DevicesOf<InterfaceDevice>())
        {
            // A hostdev interface is a PCI passthrough device: it is built with the host devices.
            if (net.Type == "hostdev")
            {
                continue;
            }

            if (net.Driver.Queues > 1 && net.Type is not ("network" or "bridge" or "direct" or "ethernet" or "vhostuser" or "vdpa"))
            {
                throw DomainConfigException.Unsupported($"Multiqueue network is not supported for: {net.Type}");
            }

            var hostnet = "host" + net.Info.Alias;
            var netdev = NetdevProps(net, hostnet);
            if (netdev is null)
            {
                continue;
            }

            Add("-netdev", JsonNetdev ? netdev.ToJson() : netdev.ToKeyValue("type"));
            Device(NicProps(net, hostnet, boot.TryGetValue(net, out var bi) ? bi : null));
        }
    }

    /// <summary>
    /// Interfaces of type hostdev: a VFIO PCI device carrying the NIC, placed first among the
    /// host devices (libvirt lists them ahead of the &lt;hostdev&gt; elements).
    /// </summary>
    private void BuildInterfaceHostdevs()
    {
        var boot = BootIndexes();
        foreach (var net in def.DevicesOf<InterfaceDevice>().Where(n => n.Type == "hostdev"))
        {
            if (net.Source.HostdevPci is not { } host)
            {
                throw DomainConfigException.Unsupported("only PCI devices can be used as <interface type='hostdev'> with QEMU");
            }

            var ci = CultureInfo.InvariantCulture;
            var props = new QemuProps().Str("driver", "vfio-pci")
                .Str("host", host.Domain.ToString("x4", ci) + ":" + host.Bus.ToString("x2", ci) + ":" + host.Slot.ToString("x2", ci) + "." + host.Function.ToString("x", ci))
                .Str("id", net.Info.Alias);
            if (net.TeamingType == "transient")
            {
                props.Str("failover_pair_id", net.TeamingPersistent);
            }

            props.Num("bootindex", boot.TryGetValue(net, out var bi) ? bi : null);
            AddressProps(props, net.Info);
            RomProps(props, net.Info);
            Device(props);
        }
    }

    private int Queues(InterfaceDevice net) => (int)Math.Max(1u, net.Driver.Queues ?? 1u);

    /// <summary>Whether the in-kernel vhost-net accelerator serves this NIC.</summary>
    private static bool UsesVhostNet(InterfaceDevice net) => net.IsVirtio && net.Driver.Name != "qemu";

    /// <summary>The -netdev properties (type first, id last); null when the interface has no backend.</summary>
    private QemuProps? NetdevProps(InterfaceDevice net, string hostnet)
    {
        var props = new QemuProps();
        var src = net.Source;
        switch (net.Type)
        {
            case "ethernet" or "network" or "bridge" or "direct":
                props.Str("type", "tap");
                var queues = Queues(net);
                var tapFds = Enumerable.Range(HarnessTapFd, queues).Select(i => Num(i)).ToList();
                if (tapFds.Count == 1)
                {
                    props.Str("fd", tapFds[0]);
                }
                else
                {
                    props.Str("fds", string.Join(':', tapFds));
                }

                if (UsesVhostNet(net))
                {
                    var vhostFds = Enumerable.Range(HarnessVhostFd, queues).Select(i => Num(i)).ToList();
                    props.Bool("vhost", true);
                    if (vhostFds.Count == 1)
                    {
                        props.Str("vhostfd", vhostFds[0]);
                    }
                    else
                    {
                        props.Str("vhostfds", string.Join(':', vhostFds));
                    }
                }

                props.UNum("sndbuf", net.SndBuf);
                break;
            case "client":
                props.Str("type", "socket").Str("connect", (src.Address ?? "") + ":" + Num(src.Port ?? 0));
                break;
            case "server":
                props.Str("type", "socket").Str("listen", (src.Address ?? "") + ":" + Num(src.Port ?? 0));
                break;
            case "mcast":
                props.Str("type", "socket").Str("mcast", (src.Address ?? "") + ":" + Num(src.Port ?? 0));
                break;
            case "udp":
                props.Str("type", "socket").Str("udp", (src.Address ?? "") + ":" + Num(src.Port ?? 0))
                    .Str("localaddr", (src.LocalAddress ?? "") + ":" + Num(src.LocalPort ?? 0));
                break;
            case "user" when net.BackendType == "passt":
                var socket = cfg.PasstStateDir + "/" + ctx.ShortName(def.Name) + "-" + net.Info.Alias + ".socket";
                props.Str("type", "stream").Obj("addr", new QemuProps().Str("type", "unix").Str("path", socket)).Bool("server", false);
                break;
            case "user" or "internal":
                props.Str("type", "user");
                UserNetworkAddresses(props, net);
                break;
            case "vhostuser":
                var charAlias = "char" + net.Info.Alias;
                Add("-chardev", VhostUserChardev(net, charAlias));
                props.Str("type", "vhost-user").Str("chardev", charAlias);
                if (Queues(net) > 1)
                {
                    props.Num("queues", Queues(net));
                }

                break;
            case "vdpa":
                var set = NextFdSet();
                Add("-add-fd", "set=" + Num(set) + ",fd=" + Num(HarnessVdpaFd) + ",opaque=" + net.Info.Alias + "-vdpa");
                props.Str("type", "vhost-vdpa").Str("vhostdev", "/dev/fdset/" + Num(set));
                if (Queues(net) > 1)
                {
                    props.Num("queues", Queues(net));
                }

                break;
            case "null" or "vds":
                return null;
            default:
                throw DomainConfigException.Unsupported($"interface type '{net.Type}' is not supported by QEMU");
        }

        return props.Str("id", hostnet);
    }

    /// <summary>The first IPv4 and IPv6 guest addresses of a user-mode network set its subnets.</summary>
    private static void UserNetworkAddresses(QemuProps props, InterfaceDevice net)
    {
        foreach (var ip in net.GuestIp.Where(e => e.Name.LocalName == "ip"))
        {
            var address = (string?)ip.Attribute("address");
            if (address is null || !IPAddress.TryParse(address, out var parsed))
            {
                continue;
            }

            var prefix = (string?)ip.Attribute("prefix");
            if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                props.Str("net", prefix is null or "0" ? address : address + "/" + prefix);
            }
            else
            {
                props.Str("ipv6-prefix", address);
                if (prefix is not null && prefix != "0")
                {
                    props.Num("ipv6-prefixlen", OptionText.ParseLong(prefix, "IPv6 prefix"));
                }
            }
        }
    }

    /// <summary>The UNIX socket of a vhost-user NIC; in server mode QEMU waits for the backend.</summary>
    private string VhostUserChardev(InterfaceDevice net, string id)
    {
        var sb = new System.Text.StringBuilder("socket,id=").Append(id).Append(",path=").Append(QemuProps.EscapeValue(net.Source.Path ?? ""));
        if (net.Source.Mode == "server")
        {
            sb.Append(",server=on");
        }

        AppendReconnect(sb, net.Source.Reconnect);
        return sb.ToString();
    }

    /// <summary>The guest NIC device.</summary>
    private QemuProps NicProps(InterfaceDevice net, string hostnet, int? bootIndex)
    {
        var props = new QemuProps();
        if (net.IsVirtio)
        {
            props.Str("driver", VirtioDriverName("virtio-net", net.Model!, net.Info));
            VirtioOptionProps(props, net.Driver.Virtio);
            var d = net.Driver;
            props.Str("tx", d.TxMode switch
            {
                "iothread" => "bh",
                "timer" => "timer",
                _ => null,
            });
            props.OnOff("ioeventfd", d.IoEventFd).OnOff("event_idx", d.EventIdx);
            foreach (var (name, prop) in new[] { ("csum", "csum"), ("gso", "gso"), ("tso4", "host_tso4"), ("tso6", "host_tso6"), ("ecn", "host_ecn"), ("ufo", "host_ufo"), ("mrg_rxbuf", "mrg_rxbuf") })
            {
                props.OnOff(prop, Offload(d.Host, name));
            }

            foreach (var name in new[] { "csum", "tso4", "tso6", "ecn", "ufo" })
            {
                props.OnOff("guest_" + name, Offload(d.Guest, name));
            }

            var queues = Queues(net);
            if (queues > 1)
            {
                props.Bool("mq", true);
                if (net.Info.Address is not CcwAddress && !p.IsS390)
                {
                    props.Num("vectors", (2 * queues) + 2);
                }
            }

            props.UNum("rx_queue_size", d.RxQueueSize).UNum("tx_queue_size", d.TxQueueSize);
            props.OnOff("rss", d.Rss).OnOff("hash", d.RssHashReport);
            props.UNum("host_mtu", net.Mtu);
            if (net.TeamingType == "persistent")
            {
                props.Bool("failover", true);
            }
        }
        else
        {
            props.Str("driver", net.Model ?? "rtl8139");
        }

        props.Str("netdev", hostnet).Str("id", net.Info.Alias).Str("mac", net.Mac ?? "52:54:00:00:00:00");
        props.Num("bootindex", bootIndex);
        AddressProps(props, net.Info);
        RomProps(props, net.Info);
        return props;
    }

    /// <summary>A decimal or 0x-hexadecimal number, or null.</summary>
    private static long? NumberAttr(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var t = text.Trim();
        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return long.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        }

        return long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static string? Offload(System.Collections.Immutable.ImmutableArray<KeyValuePair<string, string>> set, string name)
    {
        foreach (var kv in set)
        {
            if (kv.Key == name)
            {
                return kv.Value;
            }
        }

        return null;
    }

    /// <summary>The QEMU device of a virtio model: bus suffix, and the transitional variants on PCI.</summary>
    private string VirtioDriverName(string baseName, string model, DeviceInfo info)
    {
        var suffix = VirtioSuffix(info);
        var name = baseName + suffix;
        if (suffix == "-pci")
        {
            if (model.EndsWith("-non-transitional", StringComparison.Ordinal))
            {
                return name + "-non-transitional";
            }

            if (model.EndsWith("-transitional", StringComparison.Ordinal))
            {
                return name + "-transitional";
            }
        }

        return name;
    }

    /// <summary>Option ROM settings from &lt;rom bar= file= enabled=/&gt;.</summary>
    private static void RomProps(QemuProps props, DeviceInfo info)
    {
        if (info.Rom is not XElement rom)
        {
            return;
        }

        if ((string?)rom.Attribute("enabled") == "no")
        {
            props.Str("romfile", "");
            return;
        }

        switch ((string?)rom.Attribute("bar"))
        {
            case "on":
                props.Num("rombar", 1);
                break;
            case "off":
                props.Num("rombar", 0);
                break;
            default:
                break;
        }

        props.Str("romfile", (string?)rom.Attribute("file"));
    }
}
