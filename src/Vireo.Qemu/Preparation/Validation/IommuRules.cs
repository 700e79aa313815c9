using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>IOMMU rules: which machines have which IOMMU, its address, and its driver options.</summary>
internal static class IommuRules
{
    /// <summary>A domain has at most one IOMMU.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        if (Iommus(def).Skip(1).Any())
        {
            throw Unsupported("only a single IOMMU device is supported");
        }
    }

    /// <summary>Machine, capability, ACPI and address rules.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        if (Iommus(def).FirstOrDefault() is not { } iommu)
        {
            return;
        }

        var driver = iommu.Child("driver");
        var intremap = Attr(driver, "intremap");
        var eim = Attr(driver, "eim");
        if (intremap == "on" && Attr(def.Feature("ioapic"), "driver") != "qemu")
        {
            throw Unsupported("IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')");
        }

        if (eim == "on" && intremap != "on")
        {
            throw Unsupported("IOMMU eim requires interrupt remapping to be enabled");
        }

        var model = iommu.Attr("model");
        var caps = KnowsCaps(p);
        switch (model)
        {
            case "intel":
                if (!p.IsQ35)
                {
                    throw Unsupported("IOMMU device: 'intel' is only supported with Q35 machines");
                }

                if (caps && !p.Has("intel-iommu"))
                {
                    throw Unsupported("IOMMU device: 'intel' is not supported with this QEMU binary");
                }

                break;
            case "smmuv3":
                if (!p.IsArmVirt)
                {
                    throw Unsupported("IOMMU device: 'smmuv3' is only supported with ARM Virt machines");
                }

                if (caps && !p.Has("machine.virt.iommu"))
                {
                    throw Unsupported("IOMMU device: 'smmuv3' is not supported with this QEMU binary");
                }

                break;
            case "virtio":
                if (!p.IsArmVirt && !p.IsQ35)
                {
                    throw Unsupported("IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines");
                }

                if (caps && !p.Has("virtio-iommu-pci"))
                {
                    throw Unsupported("IOMMU device: 'virtio' is not supported with this QEMU binary");
                }

                if (def.Feature("acpi") is null)
                {
                    throw Unsupported("IOMMU device: 'virtio' requires ACPI");
                }

                if (iommu.Info.Address is { } address and not PciAddress)
                {
                    throw Unsupported("IOMMU device: 'virtio' needs a PCI address");
                }

                if (iommu.Info.Address is PciAddress { Bus: not 0 } pci)
                {
                    throw Xml($"The device at PCI address {FormatPci(pci)} needs to be an integrated device (bus=0)");
                }

                break;
            default:
                break;
        }

        if (!caps)
        {
            return;
        }

        (string Attribute, string Flag, string Message)[] options =
        [
            ("intremap", "intel-iommu.intremap", "iommu: interrupt remapping is not supported with this QEMU binary"),
            ("caching_mode", "intel-iommu.caching-mode", "iommu: caching mode is not supported with this QEMU binary"),
            ("eim", "intel-iommu.eim", "iommu: eim is not supported with this QEMU binary"),
            ("iotlb", "intel-iommu.device-iotlb", "iommu: device IOTLB is not supported with this QEMU binary"),
            ("aw_bits", "intel-iommu.aw-bits", "iommu: aw_bits is not supported with this QEMU binary"),
        ];
        foreach (var (attribute, flag, message) in options)
        {
            if (Attr(driver, attribute) is not null && !p.Has(flag))
            {
                throw Unsupported(message);
            }
        }
    }

    private static IEnumerable<GenericDevice> Iommus(DomainDefinition def) =>
        def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "iommu");
}
