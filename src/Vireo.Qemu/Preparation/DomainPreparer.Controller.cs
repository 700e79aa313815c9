using Vireo.Domain.Devices;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Controller defaults: USB and PCI root models per machine.</summary>
public static partial class DomainPreparer
{
    private static ControllerDevice ControllerDefaultsFor(ControllerDevice c, PlatformContext p)
    {
        if (c.Type == "usb" && c.Model is null)
        {
            c = c with { Model = DefaultUsbModel(p) };
        }

        if (c.Type == "scsi" && c.Model is null && DefaultScsiControllerModel(p) is { } scsiModel)
        {
            c = c with { Model = scsiModel };
        }

        if (c.Type == "pci" && c.Model is null && c.Index == 0)
        {
            c = c with { Model = p.HasPcieRoot ? "pcie-root" : "pci-root" };
        }

        // pSeries' PCI root is a PHB (spapr-pci-host-bridge) with its own index.
        if (c.Type == "pci" && c.Model == "pci-root" && p.IsPSeries)
        {
            // Other PHBs get the lowest free target index once addressing knows them all.
            c = c with { ModelName = c.ModelName ?? "spapr-pci-host-bridge", TargetIndex = c.TargetIndex ?? (c.Index == 0 ? 0 : null) };
        }

        return c;
    }

    /// <summary>The USB controller model libvirt picks for a machine, given what the binary has.</summary>
    /// <summary>
    /// The USB controller model libvirt picks: for a controller the user wrote without a
    /// model (<paramref name="implicitController"/> false), or for the one it adds itself.
    /// On q35 the implicit one is qemu-xhci, else an ICH9 EHCI with its UHCI companions,
    /// else none at all; a user's model-less controller there falls back to PIIX3 UHCI.
    /// </summary>
    internal static string? DefaultUsbModel(PlatformContext p, bool implicitController = false)
    {
        if (p.IsS390)
        {
            return "none";
        }

        if (p.IsPSeries)
        {
            return p.Has("pci-ohci") ? "pci-ohci" : null;
        }

        if (p.IsQ35)
        {
            if (p.Has("qemu-xhci"))
            {
                return "qemu-xhci";
            }

            if (implicitController)
            {
                return p.Has("ich9-usb-ehci1") ? "ich9-ehci1" : null;
            }

            return p.Has("piix3-usb-uhci") ? "piix3-uhci" : null;
        }

        if (p.IsArmVirt || p.IsRiscvVirt)
        {
            if (p.Has("qemu-xhci"))
            {
                return "qemu-xhci";
            }

            return p.Has("nec-usb-xhci") ? "nec-xhci" : null;
        }

        return p.Has("piix3-usb-uhci") ? "piix3-uhci" : null;
    }
}
