using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Controllers: PCI bridges and ports, USB, SCSI, IDE/SATA, virtio-serial.</summary>
internal sealed partial class CommandLineBuilder
{
    // libvirt USB controller model → QEMU device (from QEMU's hw/usb/hcd-*.c type names).
    private static string? UsbDevice(string? model) => model switch
    {
        "piix3-uhci" => "piix3-usb-uhci",
        "piix4-uhci" => "piix4-usb-uhci",
        "ehci" => "usb-ehci",
        "ich9-ehci1" => "ich9-usb-ehci1",
        "ich9-uhci1" => "ich9-usb-uhci1",
        "ich9-uhci2" => "ich9-usb-uhci2",
        "ich9-uhci3" => "ich9-usb-uhci3",
        "vt82c686b-uhci" => "vt82c686b-usb-uhci",
        "pci-ohci" => "pci-ohci",
        "nec-xhci" => "nec-usb-xhci",
        "qusb1" => "qusb1",
        "qusb2" => "qusb2",
        "qemu-xhci" => "qemu-xhci",
        _ => null,
    };

    private static readonly string[] ControllerTypeOrder = ["pci", "usb", "scsi", "ide", "sata", "virtio-serial"];

    private void BuildControllers()
    {
        ControllerDevice? legacyUsb = null;
        foreach (var type in ControllerTypeOrder)
        {
            // A USB companion controller follows its EHCI master on the command line: the
            // controllers of this type without a master first, then the companions, each in
            // device order (two passes, no sorting).
            var devices = def.Devices;
            for (var companions = 0; companions < 2; companions++)
            {
                foreach (var d in devices)
                {
                    if (d is not ControllerDevice c || c.Type != type || (c.MasterStartPort is null) != (companions == 0))
                    {
                        continue;
                    }

                    // The legacy "-usb" switch comes after every -device controller.
                    if (c.Type == "usb" && c.Model is null)
                    {
                        legacyUsb ??= c;
                        continue;
                    }

                    BuildController(c);
                }
            }
        }

        if (legacyUsb is not null)
        {
            BuildController(legacyUsb);
        }
        else if (!Preparation.DomainPreparer.HasDevice<ControllerDevice>(def.Devices, static c => c.Type == "usb") && !(p.IsQ35 || p.IsArmVirt || p.IsRiscvVirt || p.IsS390))
        {
            // Boards without any USB controller in the definition get QEMU's own (libvirt's legacy "-usb").
            Add("-usb");
        }
    }

    private void BuildController(ControllerDevice c)
    {
        var props = new QemuProps();
        switch (c.Type)
        {
            case "pci":
                // Root buses are the machine's own, except that a pSeries guest may have more
                // than one PCI host bridge: each beyond the default (target index 0) is a device.
                if (c.Model is "pcie-root" or null || (c.Model == "pci-root" && !(p.IsPSeries && c.TargetIndex > 0)))
                {
                    return;
                }

                props.Str("driver", c.ModelName ?? c.Model);
                switch (c.Model)
                {
                    case "pcie-root-port" or "pcie-switch-downstream-port":
                        props.Num("port", c.TargetPort).Num("chassis", c.TargetChassis);
                        break;
                    case "pci-bridge":
                        props.Num("chassis_nr", c.TargetChassisNr);
                        break;
                    case "pci-expander-bus" or "pcie-expander-bus":
                        props.Num("bus_nr", c.TargetBusNr);
                        break;
                    case "pci-root":
                        props.Num("index", c.TargetIndex);
                        break;
                    default:
                        break;
                }

                props.Str("id", c.Info.Alias);
                if (c.Model is "pci-expander-bus" or "pcie-expander-bus" or "pci-root")
                {
                    props.Num("numa_node", c.TargetNode);
                }

                break;
            case "usb":
                if (c.Model == "none")
                {
                    return;
                }

                if (c.Model is null)
                {
                    if (!p.IsX86 || p.IsQ35)
                    {
                        if (p.IsQ35)
                        {
                            throw DomainConfigException.Unsupported("no model provided for USB controller");
                        }

                        throw DomainConfigException.Unsupported("no USB controller model is usable with this QEMU binary: set <controller type='usb' model='...'/> or model='none'");
                    }

                    Add("-usb");
                    return;
                }

                props.Str("driver", UsbDevice(c.Model) ?? c.Model);
                if (c.Model is "ich9-uhci1" or "ich9-uhci2" or "ich9-uhci3" && c.MasterStartPort is { } start)
                {
                    props.Str("masterbus", UsbBusAlias(c.Index) + ".0").Num("firstport", start);
                }
                else
                {
                    if (c.Model is "qemu-xhci" or "nec-xhci" && c.Ports is { } ports)
                    {
                        props.Num("p2", ports).Num("p3", ports);
                    }

                    props.Str("id", c.Info.Alias);
                }

                break;
            case "virtio-serial":
                props.Str("driver", "virtio-serial" + VirtioSuffix(c.Info));
                VirtioOptionProps(props, c.Virtio);
                props.Str("id", c.Info.Alias);
                foreach (var kv in c.Driver)
                {
                    _ = kv;
                }

                if (c.Ports is { } vports)
                {
                    props.Num("max_ports", vports);
                }

                if (c.Vectors is { } vectors)
                {
                    props.Num("vectors", vectors);
                }

                break;
            case "ide":
                if (p.IsI440fx && c.Index == 0)
                {
                    return;
                }

                props.Str("driver", "piix3-ide").Str("id", c.Info.Alias);
                break;
            case "sata":
                if (p.IsQ35 && c.Index == 0)
                {
                    return;
                }

                props.Str("driver", "ich9-ahci").Str("id", c.Info.Alias);
                break;
            case "scsi":
                // The ESP (ncr53c90) is built into the SPARC boards: nothing to create.
                if (c.Model == "ncr53c90")
                {
                    return;
                }

                props.Str("driver", ScsiDevice(c));
                if (c.Model is "virtio-scsi" or "virtio-transitional" or "virtio-non-transitional")
                {
                    // virtio-scsi tunables (qemuBuildControllerSCSIDevProps): iothread before the id, queues after.
                    string? ScsiDriver(string name) => c.Driver.FirstOrDefault(kv => kv.Key == name).Value;
                    VirtioOptionProps(props, c.Virtio);
                    props.Str("iothread", ScsiDriver("iothread") is { } io ? "iothread" + io : null)
                        .Str("id", c.Info.Alias)
                        .Num("num_queues", ScsiDriver("queues") is { } q ? OptionText.ParseLong(q, "SCSI controller queues") : null)
                        .Num("cmd_per_lun", ScsiDriver("cmd_per_lun") is { } cpl ? OptionText.ParseLong(cpl, "SCSI controller cmd_per_lun") : null)
                        .Num("max_sectors", ScsiDriver("max_sectors") is { } ms ? OptionText.ParseLong(ms, "SCSI controller max_sectors") : null)
                        .OnOff("ioeventfd", ScsiDriver("ioeventfd"));
                }
                else
                {
                    props.Str("id", c.Info.Alias);
                }

                break;
            default:
                return;
        }

        AddressProps(props, c.Info);
        Device(props);
    }

    private string ScsiDevice(ControllerDevice c) => c.Model switch
    {
        "lsilogic" or null => p.IsPSeries && c.Model is null ? "spapr-vscsi" : "lsi",
        "lsisas1068" => "mptsas1068",
        "lsisas1078" => "megasas",
        "virtio-scsi" => "virtio-scsi" + VirtioSuffix(c.Info),
        "ibmvscsi" => "spapr-vscsi",
        "vmpvscsi" => "pvscsi",
        "am53c974" => "am53c974",
        "dc390" => "dc-390",
        _ => c.Model,
    };
}
