using System.Xml.Linq;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.Addressing;

namespace Vireo.Runtime.Hotplug;

/// <summary>
/// What can be plugged into (or pulled out of) a running guest, and why not otherwise.
/// Every refusal says what to do instead.
/// </summary>
public static class HotplugRules
{
    private const string Restart = "add it to the domain XML and start the guest again";

    /// <summary>Refuses device kinds that never hot-plug, before anything else is done.</summary>
    public static void CheckElement(XElement element, string action)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = element.Name.LocalName;
        switch (name)
        {
            case "disk" or "interface" or "hostdev" or "input":
                break;
            case "video":
                var model = (string?)element.Element("model")?.Attribute("type");
                throw Refuse(model == "ramfb"
                    ? $"a ramfb display cannot be {action}: it lives in fw_cfg, which QEMU sets up only at start; {Restart}"
                    : $"video devices cannot be {action}: QEMU creates displays only at start, and firmware finds them only at boot; {Restart}");
            case "graphics":
                throw Refuse($"graphics (VNC/SPICE) cannot be {action}; {Restart}");
            case "controller":
                throw Refuse($"controllers cannot be {action} by Vireo; {Restart}");
            default:
                throw Refuse($"<{name}> devices cannot be {action} by Vireo; {Restart}");
        }

        if (name == "disk" && ((string?)element.Element("target")?.Attribute("bus") is "ide" or "sata" or "fdc" or "sd" || (string?)element.Attribute("device") == "floppy"))
        {
            var bus = (string?)element.Element("target")?.Attribute("bus") ?? "fdc";
            throw Refuse($"disks on the '{bus}' bus cannot be {action} (QEMU's IDE/AHCI/floppy controllers have no hot-plug); use bus='virtio', 'scsi' or 'usb', or {Restart}");
        }

        if (name == "hostdev" && (string?)element.Attribute("type") == "mdev" && (string?)element.Attribute("ramfb") == "on")
        {
            throw Refuse($"a mediated device with ramfb='on' cannot be {action}: it becomes vfio-pci-nohotplug, and its ramfb display needs fw_cfg entries that cannot be added at run time; use ramfb='off', or {Restart}");
        }
    }

    /// <summary>Refuses a parsed, addressed device that cannot be hot-plugged where it is.</summary>
    public static void CheckDevice(DomainDevice device, DomainDefinition def, string action)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(def);
        switch (device)
        {
            case VideoDevice:
                throw Refuse($"video devices cannot be {action}; {Restart}");
            case HostdevDevice { Type: "mdev", Ramfb: "on" }:
                throw Refuse($"a mediated device with ramfb='on' cannot be {action}: it becomes vfio-pci-nohotplug and needs fw_cfg entries; use ramfb='off', or {Restart}");
            case DiskDevice { Device: "floppy" }:
                throw Refuse($"floppy disks cannot be {action}; {Restart}");
            case DiskDevice { TargetBus: "ide" or "sata" or "fdc" or "sd" } disk:
                throw Refuse($"disks on the '{disk.TargetBus}' bus cannot be {action} (QEMU's IDE/AHCI controllers have no hot-plug); use bus='virtio', 'scsi' or 'usb', or {Restart}");
            case InputDevice { Bus: not ("usb" or "virtio") } input:
                throw Refuse($"{input.Bus ?? "built-in"} input devices cannot be {action}; use bus='usb' or bus='virtio'");
            case InterfaceDevice { Type: not ("user" or "hostdev") } nic:
                throw Refuse($"<interface type='{nic.Type}'> cannot be {action} by Vireo: it needs a host network device opened and passed to QEMU, which Vireo does not do; use type='user', or {Restart}");
            case HostdevDevice { Mode: not "subsystem" }:
                throw Refuse($"host devices in capabilities mode cannot be {action}; {Restart}");
            case HostdevDevice { Type: "scsi" or "scsi_host" } hostdev:
                throw Refuse($"<hostdev type='{hostdev.Type}'> cannot be {action} by Vireo; {Restart}");
        }

        if (device.Info.Address is PciAddress pci)
        {
            CheckPciBus(pci, def, action);
        }
    }

    private static void CheckPciBus(PciAddress address, DomainDefinition def, string action)
    {
        var controller = def.DevicesOf<ControllerDevice>().FirstOrDefault(c => c.IsPci && c.Index == address.Bus);
        var model = controller?.Model ?? "pci-root";
        var alias = controller?.Info.Alias ?? (address.Bus == 0 ? "the root bus" : $"bus {address.Bus}");
        if ((PciControllerModels.Bus(model).Accepts & PciConnect.Hotpluggable) == 0)
        {
            throw Refuse($"the device's PCI bus {alias} ({model}) cannot take hot-plugged devices; leave the <address> out so Vireo picks a free pcie-root-port (or pci-bridge) slot, or {Restart}");
        }

        // The PCI root bus of a 'pc' machine takes hot-plug through ACPI only.
        if (model == "pci-root" && (def.Feature("acpi") is not { } acpi || (string?)acpi.Attribute("state") == "off"))
        {
            throw Refuse($"the device's PCI bus {alias} (pci-root) takes hot-plug only through ACPI, and the domain has no <features><acpi/></features>; add it and start the guest again, or put the device on a pci-bridge");
        }

        if (controller?.TargetHotplug == "off")
        {
            throw Refuse($"the device's PCI bus {alias} ({model}) has hot-plug turned off (<target hotplug='off'/>); choose another bus, or {Restart}");
        }
    }

    private static RuntimeException Refuse(string why) => new(ErrorKind.OperationUnsupported, why);
}
