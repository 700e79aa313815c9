using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Controller rules: indexes, PCI controller options, USB controller models and ports.</summary>
internal static class ControllerRules
{
    private const int XhciMaxPorts = 15;

    /// <summary>Rules on the controllers as written.</summary>
    public static void BeforeDefaults(DomainDefinition def, PlatformContext p)
    {
        var controllers = def.DevicesOf<ControllerDevice>().ToList();
        CheckUsbNone(def, controllers);
        CheckDuplicateIndexes(controllers);

        foreach (var c in controllers)
        {
            if (c.Type == "usb")
            {
                CheckUsbController(c, controllers);
            }
            else if (c.IsPci)
            {
                CheckPciController(c, def, p);
            }
        }
    }

    /// <summary>Rules needing the capabilities of the binary.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        if (!KnowsCaps(p))
        {
            return;
        }

        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            if (c.IsPci)
            {
                CheckPciMachine(c, p);
            }

            if (c.IsPci && c.TargetHotplug is not null)
            {
                CheckPciHotplug(c, p);
            }

            if (c.IsPci && PciModelName(c, p) is { } device && PciDeviceFlag(device) is { } flag && !p.Has(flag))
            {
                throw Unsupported($"The '{device}' device is not supported by this QEMU binary");
            }

            if (c.Type == "sata" && !(c.Index == 0 && p.IsQ35) && !p.Has("ich9-ahci"))
            {
                throw Unsupported("SATA is not supported with this QEMU binary");
            }
        }
    }

    /// <summary>USB controller models the binary must provide, checked when the command line is built.</summary>
    public static void AtLaunch(DomainDefinition def, PlatformContext p)
    {
        if (!KnowsCaps(p))
        {
            return;
        }

        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            if (c.Type != "usb" || c.Model == "none")
            {
                continue;
            }

            // A controller left without a model is QEMU's built-in one ("-usb").
            if (c.Model is not { } model)
            {
                continue;
            }

            var flag = UsbModelFlag(model);
            if (flag is null || !p.Has(flag))
            {
                throw Unsupported($"USB controller model '{model}' not supported in this QEMU binary");
            }
        }
    }

    /// <summary>The capability flag a USB controller model needs, or null for a model QEMU has no device for.</summary>
    internal static string? UsbModelFlag(string model) => model switch
    {
        "piix3-uhci" => "piix3-usb-uhci",
        "piix4-uhci" => "piix4-usb-uhci",
        "ehci" => "usb-ehci",
        "ich9-ehci1" or "ich9-uhci1" or "ich9-uhci2" or "ich9-uhci3" => "ich9-usb-ehci1",
        "vt82c686b-uhci" => "vt82c686b-usb-uhci",
        "pci-ohci" => "pci-ohci",
        "nec-xhci" => "nec-usb-xhci",
        "qemu-xhci" => "qemu-xhci",
        _ => null,
    };

    private static void CheckUsbNone(DomainDefinition def, List<ControllerDevice> controllers)
    {
        var usb = controllers.Where(c => c.Type == "usb").ToList();
        var none = usb.Any(c => c.Model == "none");
        if (!none)
        {
            return;
        }

        if (usb.Any(c => c.Model != "none"))
        {
            throw Xml("Can't add another USB controller: USB is disabled for this domain");
        }

        foreach (var dev in def.Devices)
        {
            switch (dev)
            {
                case InputDevice { Bus: "usb" }:
                    throw Unsupported("Can't add USB input device. USB bus is disabled");
                case GenericDevice { ElementName: "hub" } hub when hub.Attr("type") == "usb":
                    throw Unsupported("Can't add USB hub: USB is disabled for this domain");
                case GenericDevice { ElementName: "redirdev" } redir when (redir.Attr("bus") ?? "usb") == "usb":
                    throw Unsupported("Can't add redirected USB device: USB is disabled for this domain");
                case HostdevDevice { Mode: "subsystem", Type: "usb" }:
                    throw Unsupported("Can't add host USB device: USB is disabled in this host");
                default:
                    break;
            }
        }
    }

    private static void CheckDuplicateIndexes(List<ControllerDevice> controllers)
    {
        var seen = new HashSet<(string, int)>();
        foreach (var c in controllers)
        {
            if (c.Type == "usb" || c.Index < 0)
            {
                continue;
            }

            if (!seen.Add((c.Type, c.Index)))
            {
                throw Xml($"Multiple '{c.Type}' controllers with index '{N(c.Index)}'");
            }
        }
    }

    private static void CheckUsbController(ControllerDevice c, List<ControllerDevice> controllers)
    {
        if (c.MasterStartPort is not null &&
            !controllers.Any(o => o.Type == "usb" && o.Index == c.Index && o.MasterStartPort is null))
        {
            throw Xml("No master USB controller specified");
        }

        if (c.Model is "nec-xhci" or "qemu-xhci" && c.Ports is > XhciMaxPorts)
        {
            throw Unsupported($"'{c.Model}' controller only supports up to '{N(XhciMaxPorts)}' ports");
        }
    }

    private static void CheckPciController(ControllerDevice c, DomainDefinition def, PlatformContext p)
    {
        var root = c.Model is "pci-root" or "pcie-root";
        if (root && c.Info.Address is not null)
        {
            throw Unsupported("pci-root and pcie-root controllers should not have an address");
        }

        var phb = c.Model == "pci-root" && (p.IsPSeries || c.ModelName == "spapr-pci-host-bridge" || c.TargetIndex is not null);
        if (root && c.Index > 0 && !phb)
        {
            throw Xml("pci-root and pcie-root controllers should have index 0");
        }

        if (c.Index > 255)
        {
            throw Unsupported($"PCI controller index {N(c.Index)} too high, maximum is 255");
        }

        if (c.TargetIndex is { } targetIndex)
        {
            if (targetIndex is < 0 or > 30)
            {
                throw Unsupported($"PCI controller target index '{N(targetIndex)}' out of range - must be 0-30");
            }

            if ((c.Index == 0 && targetIndex != 0) || (c.Index != 0 && targetIndex == 0))
            {
                throw Unsupported("Only the PCI controller with index 0 can have target index 0, and vice versa");
            }
        }

        if (c.TargetChassisNr is { } chassisNr && chassisNr is < 1 or > 255)
        {
            throw Unsupported($"PCI controller chassisNr '{N(chassisNr)}' out of range - must be 1-255");
        }

        if (c.TargetChassis is { } chassis && chassis is < 0 or > 255)
        {
            throw Unsupported($"PCI controller chassis '{N(chassis)}' out of range - must be 0-255");
        }

        if (c.TargetPort is { } port && port is < 0 or > 255)
        {
            throw Unsupported($"PCI controller port '{N(port)}' out of range - must be 0-255");
        }

        if (c.TargetBusNr is { } busNr && busNr is < 1 or > 254)
        {
            throw Unsupported($"PCI controller busNr '{N(busNr)}' out of range - must be 1-254");
        }

        if (c.TargetNode is { } node)
        {
            if (c.Index == 0)
            {
                throw Unsupported("The PCI controller with index=0 can't be associated with a NUMA node");
            }

            var cells = NumaCells(def).Count;
            if (c.Model is "pci-expander-bus" or "pcie-expander-bus" && node >= cells)
            {
                throw Xml($"{c.Model} with index {N(c.Index)} is configured for a NUMA node ({N(node)}) not present in the domain's <cpu><numa> array ({N(cells)})");
            }
        }

        if (c.Model is "pci-expander-bus" or "pcie-expander-bus" && c.Info.Address is PciAddress a && a.Bus != 0)
        {
            throw Xml($"The device at PCI address {FormatPci(a)} cannot be plugged into the PCI controller with index='{N(a.Bus)}'. It requires a controller that accepts a {c.Model}.");
        }
    }

    // The PCI root a machine has, and the expander buses only some chipsets take.
    private static void CheckPciMachine(ControllerDevice c, PlatformContext p)
    {
        if (c.Index == 0 && c.Model is { } model)
        {
            var root = p.HasPcieRoot ? "pcie-root" : p.IsI440fx || p.IsPSeries ? "pci-root" : null;
            if (root is not null && model != root)
            {
                throw Xml($"The PCI controller with index='0' must be model='{root}' for this machine type, but model='{model}' was found instead");
            }
        }

        if (c.Model == "pcie-expander-bus" && !p.IsQ35)
        {
            throw Unsupported("pcie-expander-bus controllers are not supported with this machine type");
        }

        if (c.Model == "pci-expander-bus" && !p.IsI440fx)
        {
            throw Unsupported("pci-expander-bus controllers are only supported on 440fx-based machinetypes");
        }
    }

    // The QEMU device implementing a PCI controller: as written, else libvirt's choice.
    private static string? PciModelName(ControllerDevice c, PlatformContext p) => c.ModelName ?? c.Model switch
    {
        "pci-root" when p.IsPSeries => "spapr-pci-host-bridge",
        "pci-bridge" => "pci-bridge",
        "dmi-to-pci-bridge" => "i82801b11-bridge",
        "pcie-root-port" => p.Has("pcie-root-port") ? "pcie-root-port" : "ioh3420",
        "pcie-switch-upstream-port" => "x3130-upstream",
        "pcie-switch-downstream-port" => "xio3130-downstream",
        "pci-expander-bus" => "pxb",
        "pcie-expander-bus" => "pxb-pcie",
        "pcie-to-pci-bridge" => "pcie-pci-bridge",
        _ => null,
    };

    private static string? PciDeviceFlag(string device) => device switch
    {
        "pci-bridge" => "pci-bridge",
        "i82801b11-bridge" => "dmi-to-pci-bridge",
        "ioh3420" => "ioh3420",
        "pcie-root-port" => "pcie-root-port",
        "x3130-upstream" => "x3130-upstream",
        "xio3130-downstream" => "xio3130-downstream",
        "pxb" => "pxb",
        "pxb-pcie" => "pxb-pcie",
        "spapr-pci-host-bridge" => "spapr-pci-host-bridge",
        "pcie-pci-bridge" => "pcie-pci-bridge",
        _ => null,
    };

    private static void CheckPciHotplug(ControllerDevice c, PlatformContext p)
    {
        switch (c.Model)
        {
            case "pci-root":
                if (!p.Has("piix4.acpi-root-pci-hotplug"))
                {
                    throw Unsupported("setting the 'hotplug' property on a 'pci-root' device is not supported by this QEMU binary");
                }

                break;
            case "pcie-root-port" or "pcie-switch-downstream-port":
                if (!p.Has("pcie-root-port.hotplug"))
                {
                    var name = c.ModelName ?? (c.Model == "pcie-root-port"
                        ? (p.Has("pcie-root-port") ? "pcie-root-port" : "ioh3420")
                        : "xio3130-downstream");
                    throw Unsupported($"setting the 'hotplug' property on a '{name}' device is not supported by this QEMU binary");
                }

                break;
            default:
                break;
        }
    }
}
