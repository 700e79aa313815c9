using Vireo.Domain.Devices;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Network interface defaults.</summary>
public static partial class DomainPreparer
{
    private static InterfaceDevice InterfaceDefaultsFor(InterfaceDevice n, PlatformContext p)
    {
        if (n.Model is null && n.Type == "vdpa")
        {
            return n with { Model = "virtio" };
        }

        if (n.Model is null && n.Type != "hostdev")
        {
            return n with { Model = DefaultNicModel(p) };
        }

        return n;
    }

    /// <summary>The NIC model libvirt gives an interface that names none.</summary>
    internal static string DefaultNicModel(PlatformContext p)
    {
        if (p.IsS390)
        {
            return "virtio";
        }

        if (Machine.IsArm(p.Arch))
        {
            return p.Machine == "versatilepb" ? "scm91c111" : p.IsArmVirt ? "virtio" : "lan9118";
        }

        if (p.IsRiscvVirt)
        {
            return "virtio";
        }

        // Otherwise the first NIC the binary has, from the most to the least widely supported.
        if (p.Has("rtl8139"))
        {
            return "rtl8139";
        }

        if (p.Has("e1000"))
        {
            return "e1000";
        }

        return p.Has("virtio-net") ? "virtio" : "rtl8139";
    }
}
