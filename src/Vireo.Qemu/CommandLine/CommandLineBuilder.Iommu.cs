using System.Globalization;
using Vireo.Domain.Devices;

namespace Vireo.Qemu.CommandLine;

/// <summary>The IOMMU device and the chipset-wide PCI options (-global on the host bridge / PM device).</summary>
internal sealed partial class CommandLineBuilder
{
    private void BuildIommu()
    {
        var iommu = def.DevicesOf<GenericDevice>().FirstOrDefault(d => d.ElementName == "iommu");
        if (iommu is null)
        {
            return;
        }

        var driver = iommu.Child("driver");
        string? Opt(string name) => (string?)driver?.Attribute(name);
        var props = new QemuProps();
        switch (iommu.Attr("model"))
        {
            case "intel":
                props.Str("driver", "intel-iommu").Str("id", iommu.Info.Alias)
                    .Str("intremap", Opt("intremap"))
                    .OnOff("caching-mode", Opt("caching_mode"))
                    .Str("eim", Opt("eim"))
                    .OnOff("device-iotlb", Opt("iotlb"));
                if (Opt("aw_bits") is { } aw)
                {
                    props.Num("aw-bits", OptionText.ParseLong(aw, "IOMMU aw_bits"));
                }

                break;
            case "virtio":
                props.Str("driver", "virtio-iommu").Str("id", iommu.Info.Alias);
                AddressProps(props, iommu.Info);
                break;
            default:
                // smmuv3 is a machine property, not a device.
                return;
        }

        Device(props);
    }

    /// <summary>USB hubs, right after the controllers they plug into.</summary>
    private void BuildHubs()
    {
        foreach (var hub in def.DevicesOf<GenericDevice>().Where(d => d.ElementName == "hub" && d.Attr("type") == "usb"))
        {
            var props = new QemuProps().Str("driver", "usb-hub").Str("id", hub.Info.Alias);
            AddressProps(props, hub.Info);
            Device(props);
        }
    }

    /// <summary>Options of the PCI host bridge and of the PIIX4 PM device set from the root controller.</summary>
    private void BuildGlobalControllerOptions()
    {
        foreach (var d in def.Devices)
        {
            if (d is not ControllerDevice c || !(c.Type == "pci" && c.Model is "pci-root" or "pcie-root"))
            {
                continue;
            }

            if (c.Extras.FirstOrDefault(e => e.Name.LocalName == "pcihole64") is { } hole)
            {
                var host = c.Model == "pcie-root" ? "q35-pcihost" : "i440FX-pcihost";
                var kib = OptionText.ParseULong(hole.Value, "pcihole64 size") * ((string?)hole.Attribute("unit") switch
                {
                    "MiB" or "M" => 1024UL,
                    "GiB" or "G" => 1024UL * 1024,
                    _ => 1UL,
                });
                Add("-global", host + ".pci-hole64-size=" + kib.ToString(CultureInfo.InvariantCulture) + "K");
            }

            if (c.Model == "pci-root" && p.IsI440fx && c.TargetHotplug is { } hotplug)
            {
                Add("-global", "PIIX4_PM.acpi-root-pci-hotplug=" + (hotplug == "on" ? "on" : "off"));
            }
        }
    }
}
