namespace Vireo.Qemu.Addressing;

/// <summary>One PCI bus during address assignment: its slots and which functions are taken.</summary>
internal sealed class PciBus(int index, string model)
{
    private readonly byte[] functions = new byte[32];
    private readonly bool[] aggregate = new bool[32];

    public int Index { get; } = index;

    public string Model { get; } = model;

    public PciConnect Accepts { get; } = PciControllerModels.Bus(model).Accepts;

    public int MinSlot { get; } = PciControllerModels.Bus(model).MinSlot;

    public int MaxSlot { get; } = PciControllerModels.Bus(model).MaxSlot;

    public bool IsFree(int slot) => functions[slot] == 0;

    public bool IsFunctionFree(int slot, int function) => (functions[slot] & (1 << function)) == 0;

    public int UsedFunctions(int slot) => functions[slot];

    public bool IsAggregate(int slot) => aggregate[slot];

    public void Reserve(int slot, int function, bool asAggregate)
    {
        functions[slot] |= (byte)(1 << function);
        if (asAggregate)
        {
            aggregate[slot] = true;
        }
    }

    public void ReserveSlot(int slot) => functions[slot] = 0xff;

    /// <summary>True if a device with these needs may plug into this bus.</summary>
    public bool Accepts2(PciConnect needs)
    {
        var type = needs & ~(PciConnect.Hotpluggable | PciConnect.AggregateSlot);
        if ((Accepts & type) == 0)
        {
            return false;
        }

        if ((needs & PciConnect.Hotpluggable) != 0 && (Accepts & PciConnect.Hotpluggable) == 0)
        {
            return false;
        }

        return true;
    }

    public bool HasFreeSlot()
    {
        for (var s = MinSlot; s <= MaxSlot; s++)
        {
            if (IsFree(s))
            {
                return true;
            }
        }

        return false;
    }
}
