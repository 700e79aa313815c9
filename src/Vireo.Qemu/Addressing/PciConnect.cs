namespace Vireo.Qemu.Addressing;

/// <summary>What a PCI device needs from the slot it plugs into, and what a bus offers.</summary>
[Flags]
public enum PciConnect
{
    None = 0,
    PciDevice = 1,
    PcieDevice = 2,
    Hotpluggable = 4,
    PcieRootPort = 8,
    PciBridge = 16,
    DmiToPciBridge = 32,
    PcieToPciBridge = 64,
    PcieSwitchUpstreamPort = 128,
    PcieSwitchDownstreamPort = 256,
    PciExpanderBus = 512,
    PcieExpanderBus = 1024,

    /// <summary>Several such devices share one slot, one per function (pcie-root-ports).</summary>
    AggregateSlot = 2048,
}
