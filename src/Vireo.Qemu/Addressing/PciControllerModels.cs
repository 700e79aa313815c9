namespace Vireo.Qemu.Addressing;

/// <summary>
/// The PCI controller models: what each offers downstream, which slots it has, what it
/// needs upstream, and which QEMU device implements it. From QEMU's hw/pci-bridge/* and
/// hw/pci-host/*: root ports and downstream ports have a single slot 0; bridges 1-31.
/// </summary>
public static class PciControllerModels
{
    /// <summary>The bus a controller model provides.</summary>
    public static (PciConnect Accepts, int MinSlot, int MaxSlot) Bus(string model) => model switch
    {
        "pci-root" => (PciConnect.PciDevice | PciConnect.Hotpluggable | PciConnect.PciBridge | PciConnect.PciExpanderBus, 1, 31),
        "pcie-root" => (PciConnect.PcieDevice | PciConnect.PciDevice | PciConnect.PcieRootPort | PciConnect.DmiToPciBridge | PciConnect.PcieExpanderBus, 1, 31),
        "pci-bridge" => (PciConnect.PciDevice | PciConnect.Hotpluggable | PciConnect.PciBridge, 1, 31),
        "pcie-root-port" or "pcie-switch-downstream-port" => (PciConnect.PcieDevice | PciConnect.Hotpluggable | PciConnect.PcieSwitchUpstreamPort | PciConnect.PcieToPciBridge, 0, 0),
        "dmi-to-pci-bridge" => (PciConnect.PciDevice | PciConnect.PciBridge, 0, 31),
        "pcie-to-pci-bridge" => (PciConnect.PciDevice | PciConnect.Hotpluggable, 1, 31),
        "pcie-switch-upstream-port" => (PciConnect.PcieSwitchDownstreamPort, 0, 31),
        "pci-expander-bus" => (PciConnect.PciDevice | PciConnect.PciBridge, 0, 31),
        "pcie-expander-bus" => (PciConnect.PcieRootPort | PciConnect.DmiToPciBridge, 0, 31),
        _ => (PciConnect.None, 0, 0),
    };

    /// <summary>What a controller of this model needs from its upstream slot.</summary>
    public static PciConnect Needs(string model) => model switch
    {
        "pci-bridge" => PciConnect.PciBridge,
        "pcie-root-port" => PciConnect.PcieRootPort | PciConnect.AggregateSlot,
        "dmi-to-pci-bridge" => PciConnect.DmiToPciBridge,
        "pcie-to-pci-bridge" => PciConnect.PcieToPciBridge,
        "pcie-switch-upstream-port" => PciConnect.PcieSwitchUpstreamPort,
        "pcie-switch-downstream-port" => PciConnect.PcieSwitchDownstreamPort,
        "pci-expander-bus" => PciConnect.PciExpanderBus,
        "pcie-expander-bus" => PciConnect.PcieExpanderBus,
        _ => PciConnect.None,
    };

    /// <summary>The QEMU device name of a controller model (its &lt;model name&gt;).</summary>
    public static string? QemuDevice(string model) => model switch
    {
        "pci-bridge" => "pci-bridge",
        "pcie-root-port" => "pcie-root-port",
        "dmi-to-pci-bridge" => "i82801b11-bridge",
        "pcie-to-pci-bridge" => "pcie-pci-bridge",
        "pcie-switch-upstream-port" => "x3130-upstream",
        "pcie-switch-downstream-port" => "xio3130-downstream",
        "pci-expander-bus" => "pxb",
        "pcie-expander-bus" => "pxb-pcie",
        _ => null,
    };
}
