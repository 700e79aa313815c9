using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Controllers, disks, network, character devices, input, balloon, RNG.</summary>
internal sealed partial class CommandLineBuilder
{
    private Dictionary<(string Type, int Index), ControllerDevice>? controllerTable;
    private DomainDefinition? controllerTableFor;

    /// <summary>Adds QEMU's bus/address properties for a device's address.</summary>
    private void AddressProps(QemuProps props, DeviceInfo info)
    {
        switch (info.Address)
        {
            case PciAddress a:
                props.Str("bus", PciBusAlias(a.Bus));
                if (a.Multifunction is { } mf)
                {
                    props.Bool("multifunction", mf);
                }

                props.Str("addr", a.QemuAddr);
                break;
            case UsbAddress u:
                props.Str("bus", UsbBusAlias(u.Bus) + ".0").Str("port", u.Port);
                break;
            case CcwAddress c:
                props.Str("devno", c.Cssid.ToString("x", CultureInfo.InvariantCulture) + "." + c.Ssid.ToString("x", CultureInfo.InvariantCulture) + "." + c.Devno.ToString("x4", CultureInfo.InvariantCulture));
                break;
            case VirtioSerialAddress v:
                props.Str("bus", "virtio-serial" + Num(v.Controller) + "." + Num(v.Bus)).Num("nr", v.Port);
                break;
            case SpaprVioAddress s:
                props.UNum("reg", s.Reg);
                break;
            case OtherAddress { Type: "isa" } isa:
                // ISA I/O base and IRQ, in decimal.
                foreach (var key in new[] { "iobase", "irq" })
                {
                    if (NumberAttr(isa.Get(key)) is { } n)
                    {
                        props.Num(key, n);
                    }
                }

                break;
            default:
                break;
        }
    }

    private string PciBusAlias(int bus)
    {
        // The root bus is named by QEMU itself, whatever alias the user gave the controller.
        if (bus == 0)
        {
            return p.HasPcieRoot ? "pcie.0" : "pci.0";
        }

        return ControllerAt("pci", bus) is { } c ? c.Info.Alias ?? DeviceAliases.ControllerAlias(c, p) : "pci." + Num(bus);
    }

    private string UsbBusAlias(int bus) => ControllerAt("usb", bus)?.Info.Alias ?? "usb";

    /// <summary>
    /// The first controller of a type and index, from a table built once per definition: every
    /// device's bus lookup used to scan all devices, which made large domains quadratic.
    /// </summary>
    private ControllerDevice? ControllerAt(string type, int index)
    {
        if (controllerTable is null || !ReferenceEquals(controllerTableFor, def))
        {
            var table = new Dictionary<(string Type, int Index), ControllerDevice>();
            foreach (var c in def.DevicesOf<ControllerDevice>())
            {
                table.TryAdd((c.Type, c.Index), c);
            }

            controllerTable = table;
            controllerTableFor = def;
        }

        return controllerTable.GetValueOrDefault((type, index));
    }

    /// <summary>"-pci", "-ccw" or "-device" suffix of a virtio device, from where it sits.</summary>
    private string VirtioSuffix(DeviceInfo info) => info.Address switch
    {
        CcwAddress => "-ccw",
        PciAddress => "-pci",
        OtherAddress { Type: "virtio-mmio" } => "-device",
        _ when p.IsS390 => "-ccw",
        _ => "-pci",
    };

    private void VirtioOptionProps(QemuProps props, VirtioOptions v)
    {
        props.OnOff("iommu_platform", v.Iommu).OnOff("ats", v.Ats).OnOff("packed", v.Packed).OnOff("page-per-vq", v.PagePerVq);
    }
}
