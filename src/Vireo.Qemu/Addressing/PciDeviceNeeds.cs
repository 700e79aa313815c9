using Vireo.Domain.Devices;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Addressing;

/// <summary>
/// Which devices want a PCI address and what kind of slot they need. On a PCIe machine,
/// native PCIe endpoints (virtio 1.0, xhci, vfio) need a hotpluggable PCIe slot (a root
/// port); conventional devices need a conventional hotpluggable slot (a bridge).
/// </summary>
internal static class PciDeviceNeeds
{
    public static PciConnect For(DomainDevice dev, PlatformContext p)
    {
        var pcie = p.HasPcieRoot;

        // Endpoints go on PCIe root ports only when QEMU has the generic pcie-root-port.
        var pciePorts = pcie && p.Has("pcie-root-port");
        var pcieFlags = (pciePorts ? PciConnect.PcieDevice : PciConnect.PciDevice) | PciConnect.Hotpluggable;
        var nativeFlags = pcieFlags;
        var pciFlags = PciConnect.PciDevice | PciConnect.Hotpluggable;
        switch (dev)
        {
            case VideoDevice v:
                if (v.ModelType is "none" or "ramfb" || p.IsS390)
                {
                    return PciConnect.None;
                }

                return v.ModelType == "virtio" ? pcieFlags : pciFlags;
            case ControllerDevice c:
                return c.Type switch
                {
                    "pci" => c.Model is "pci-root" or "pcie-root" or null ? PciConnect.None : PciControllerModels.Needs(c.Model),
                    "usb" => c.Model switch
                    {
                        "none" => PciConnect.None,
                        "qemu-xhci" or "nec-xhci" => nativeFlags,
                        _ => p.IsS390 ? PciConnect.None : pciFlags,
                    },
                    "virtio-serial" => p.IsS390 ? PciConnect.None : pcieFlags,
                    "scsi" => p.IsS390 || p.IsPSeries && c.Model is null or "ibmvscsi" ? PciConnect.None : c.Model is "virtio-scsi" or null && pcie ? pcieFlags : pciFlags,
                    "sata" => nativeFlags,
                    "ide" => p.IsI440fx ? pciFlags : PciConnect.None,
                    _ => PciConnect.None,
                };
            case FilesystemDevice:
                return p.IsS390 ? PciConnect.None : pcieFlags;
            case DiskDevice d:
                return d.TargetBus == "virtio" && !p.IsS390 && d.Info.Address is not OtherAddress ? pcieFlags : PciConnect.None;
            case HostdevDevice h:
                return (h.Type == "pci" || (h.Type == "mdev" && h.Model == "vfio-pci")) && !p.IsS390 ? nativeFlags : PciConnect.None;
            case MemballoonDevice m:
                return m.Model.StartsWith("virtio", StringComparison.Ordinal) && !p.IsS390 ? pcieFlags : PciConnect.None;
            case InputDevice i:
                return i.Bus == "virtio" && !p.IsS390 ? pcieFlags : PciConnect.None;
            case SoundDevice s:
                return s.Model is "ich6" or "ich9" or "ac97" or "es1370" ? pciFlags : PciConnect.None;
            case ChardevDevice { Kind: "serial", TargetType: "pci-serial" }:
                return pciFlags;
            case InterfaceDevice n:
                return p.IsS390 ? PciConnect.None : Interface(n, pcieFlags, pciFlags, nativeFlags);
            case RngDevice rng:
                return p.IsS390 || rng.Info.Address is OtherAddress ? PciConnect.None : rng.Model == "virtio-transitional" ? pciFlags : pcieFlags;
            case WatchdogDevice w:
                return w.Model == "i6300esb" && !p.IsS390 ? pciFlags : PciConnect.None;
            case ShmemDevice:
                return p.IsS390 ? PciConnect.None : pciFlags;
            case VsockDevice v:
                return p.IsS390 || v.Info.Address is OtherAddress ? PciConnect.None : v.Model == "virtio-transitional" ? pciFlags : pcieFlags;
            case PanicDevice { Model: "pvpanic" }:
                return p.IsS390 ? PciConnect.None : pciFlags;
            case GenericDevice g:
                return Generic(g, p, pcieFlags, pciFlags, nativeFlags);
            default:
                return PciConnect.None;
        }
    }

    private static PciConnect Generic(GenericDevice g, PlatformContext p, PciConnect pcieFlags, PciConnect pciFlags, PciConnect nativeFlags)
    {
        if (p.IsS390)
        {
            return PciConnect.None;
        }

        switch (g.ElementName)
        {
            case "iommu":
                // virtio-iommu is an integrated endpoint on the root bus.
                return g.Attr("model") == "virtio" ? (p.HasPcieRoot ? PciConnect.PcieDevice : PciConnect.PciDevice) : PciConnect.None;
            case "filesystem":
                return pcieFlags;
            case "crypto":
                return pcieFlags;
            case "memory" when g.Attr("model") is "virtio-pmem" or "virtio-mem":
                return pcieFlags;
            default:
                return PciConnect.None;
        }
    }

    private static PciConnect Interface(InterfaceDevice n, PciConnect pcieFlags, PciConnect pciFlags, PciConnect nativeFlags)
    {
        if (n.Type == "hostdev")
        {
            return n.Source.HostdevPci is null ? PciConnect.None : nativeFlags;
        }

        if (n.Info.Address is OtherAddress)
        {
            return PciConnect.None;
        }

        return n.Model switch
        {
            "virtio" or "virtio-non-transitional" => pcieFlags,
            "e1000e" => nativeFlags,
            "virtio-transitional" => pciFlags,
            "spapr-vlan" or "usb-net" or "lan9118" or "smc91c111" or "scm91c111" => PciConnect.None,
            _ => pciFlags,
        };
    }
}
