using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Network interface rules: queue sizes, MTU, teaming, coalescing, guest-side IP settings.</summary>
internal static class NetRules
{
    /// <summary>Rules libvirt's QEMU driver applies to each &lt;interface&gt;.</summary>
    public static void AfterDefaults(DomainDefinition def)
    {
        foreach (var net in def.DevicesOf<InterfaceDevice>())
        {
            Check(net);
        }
    }

    private static void Check(InterfaceDevice net)
    {
        var routes = net.GuestIp.Any(e => e.Name.LocalName == "route");
        if (net.Type == "user")
        {
            if (routes)
            {
                throw Unsupported("Invalid attempt to set network interface guest-side IP route, not supported by QEMU");
            }
        }
        else if (net.Type != "vdpa" && !net.GuestIp.IsDefaultOrEmpty)
        {
            throw Unsupported("Invalid attempt to set network interface guest-side IP route and/or address info, not supported by QEMU");
        }

        if (net.IsVirtio)
        {
            if (net.Driver.RxQueueSize is { } rx && !IsPowerOfTwo(rx))
            {
                throw Unsupported("rx_queue_size has to be a power of two");
            }

            if (net.Driver.TxQueueSize is { } tx && !IsPowerOfTwo(tx))
            {
                throw Unsupported("tx_queue_size has to be a power of two");
            }
        }

        if (net.Mtu is not null && !SupportsMtu(net))
        {
            throw Unsupported($"setting MTU on interface type {net.Type} is not supported yet");
        }

        if (net.TeamingType == "persistent" && !net.IsVirtio)
        {
            throw Unsupported($"virtio-net teaming persistent interface must be <model type='virtio'/>, not '{net.Model}'");
        }

        if (net.TeamingType == "transient" && net.Type is not ("hostdev" or "network"))
        {
            throw Unsupported($"virtio-net teaming transient interface must be type='hostdev', not '{net.Type}'");
        }

        if (net.CoalesceRxMaxFrames is not null && net.Type is not ("network" or "bridge"))
        {
            throw Unsupported($"coalesce settings on interface type {net.Type} are not supported");
        }
    }

    private static bool SupportsMtu(InterfaceDevice net) =>
        net.Type is "network" or "bridge" or "ethernet" or "vhostuser" || (net.Type == "user" && net.BackendType == "passt");

    private static bool IsPowerOfTwo(uint value) => value != 0 && (value & (value - 1)) == 0;
}
