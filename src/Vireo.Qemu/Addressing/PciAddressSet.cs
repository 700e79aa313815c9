using System.Globalization;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.Addressing;

/// <summary>
/// The PCI topology while addresses are handed out: buses by controller index, and a
/// next-free search that continues from the last address given, wrapping to bus 0,
/// filling one slot's functions for aggregate devices (pcie-root-ports), and — in a dry
/// run — growing the topology with the controller a device would need.
/// </summary>
internal sealed class PciAddressSet(bool dryRun, Func<PciConnect, string?> growModel, bool deferControllerSlots = false)
{
    private readonly List<PciBus?> buses = [];
    private int lastBus;
    private int lastSlot;
    private int lastAggregateBus = -1;
    private int lastAggregateSlot = -1;

    public bool DryRun { get; } = dryRun;

    /// <summary>
    /// When set, a dry run adds a bus without finding its controller a slot at once; the
    /// caller reserves those slots after every device is placed
    /// (<see cref="ReserveAddedControllerSlots"/>), as libvirt does for pci-root machines.
    /// </summary>
    public bool DeferControllerSlots { get; } = deferControllerSlots;

    /// <summary>Buses added by growing (dry run), by index.</summary>
    public List<(int Index, string Model)> Added { get; } = [];

    public IReadOnlyList<PciBus?> Buses => buses;

    public void AddBus(int index, string model)
    {
        while (buses.Count <= index)
        {
            buses.Add(null);
        }

        buses[index] = new PciBus(index, model);
    }

    public PciBus? Bus(int index) => index >= 0 && index < buses.Count ? buses[index] : null;

    /// <summary>Marks an explicit address as used.</summary>
    public void Reserve(PciAddress a, bool aggregate = false)
    {
        var bus = Bus(a.Bus);
        if (bus is null)
        {
            return;
        }

        if (a.Slot < 32 && a.Function < 8)
        {
            bus.Reserve(a.Slot, a.Function, aggregate);
        }
    }

    /// <summary>In a dry run, adds buses until <paramref name="bus"/> exists, each suited to <paramref name="needs"/>.</summary>
    public void GrowTo(int bus, PciConnect needs)
    {
        while (DryRun && needs != PciConnect.None && buses.Count <= bus && bus < 256)
        {
            Grow(needs);
        }
    }

    /// <summary>
    /// Gives every index below the highest defined one a bus of <paramref name="model"/>
    /// (libvirt fills the gaps of the controller numbering with default controllers).
    /// </summary>
    public void FillMissingBuses(string model, IReadOnlySet<int> definedIndexes)
    {
        ArgumentNullException.ThrowIfNull(definedIndexes);
        for (var i = 1; i < buses.Count; i++)
        {
            if (buses[i] is null && !definedIndexes.Contains(i))
            {
                AddBus(i, model);
                Added.Add((i, model));
            }
        }
    }

    /// <summary>True when every slot of every bus is taken.</summary>
    public bool AllBusesFull() => buses.All(b => b is null || !b.HasFreeSlot());

    /// <summary>Reserves the next free address for these needs if there is one, never growing.</summary>
    public PciAddress? TryReserveNext(PciConnect needs)
    {
        var found = FindNext(needs);
        if (found is not null)
        {
            Take(found, needs);
        }

        return found;
    }

    /// <summary>
    /// Dry run with deferred controller slots: each added controller takes the next free slot
    /// (upstream ones may not be added for it), so the count of buses includes their room.
    /// </summary>
    public void ReserveAddedControllerSlots()
    {
        for (var i = 0; i < Added.Count; i++)
        {
            var (_, model) = Added[i];
            var upstream = PciControllerModels.Needs(model);
            if (upstream != PciConnect.None && TryReserveNext(upstream) is null)
            {
                throw NoSlotForController(model);
            }
        }
    }

    // Source: libvirt 9.0 (checked with the reference virsh): on a pci-root machine only a
    // PCI endpoint can make a bridge appear; a controller finding no slot is refused, e.g.
    // a pc domain whose buses are exactly full once its devices are placed.
    private static DomainConfigException NoSlotForController(string model) => new(
        ErrorKind.InternalError,
        string.Create(CultureInfo.InvariantCulture, $"a PCI slot is needed to connect a PCI controller model='{model}', but none is available, and it cannot be automatically added"));

    public bool IsInUse(PciAddress a) => Bus(a.Bus) is { } b && a.Slot < 32 && !b.IsFunctionFree(a.Slot, a.Function);

    /// <summary>Finds and reserves the next free address for a device with these needs.</summary>
    public PciAddress ReserveNext(PciConnect needs)
    {
        var found = FindNext(needs);
        if (found is null && DryRun)
        {
            Grow(needs);
            found = FindNext(needs);
        }

        if (found is null)
        {
            throw new DomainConfigException(ErrorKind.InternalError, "No more available PCI slots");
        }

        Take(found, needs);
        return found;
    }

    private void Take(PciAddress found, PciConnect needs)
    {
        var aggregate = (needs & PciConnect.AggregateSlot) != 0;
        Bus(found.Bus)!.Reserve(found.Slot, found.Function, aggregate);
        lastBus = found.Bus;
        lastSlot = found.Slot;
        if (aggregate)
        {
            lastAggregateBus = found.Bus;
            lastAggregateSlot = found.Slot;
        }
    }

    private PciAddress? FindNext(PciConnect needs)
    {
        var aggregate = (needs & PciConnect.AggregateSlot) != 0;

        // An aggregate device first tries a free function in the slot last used for aggregates.
        if (aggregate && Bus(lastAggregateBus) is { } lb && lb.Accepts2(needs) && lb.IsAggregate(lastAggregateSlot))
        {
            for (var f = 0; f < 8; f++)
            {
                if (lb.IsFunctionFree(lastAggregateSlot, f))
                {
                    return new PciAddress(0, lastAggregateBus, lastAggregateSlot, f);
                }
            }
        }

        // Continue from the last used slot on the last used bus, then wrap around from bus 0.
        if (Bus(lastBus) is { } cur && cur.Accepts2(needs))
        {
            for (var s = Math.Max(lastSlot + 1, cur.MinSlot); s <= cur.MaxSlot; s++)
            {
                if (cur.IsFree(s))
                {
                    return new PciAddress(0, lastBus, s, 0);
                }
            }
        }

        for (var b = 0; b < buses.Count; b++)
        {
            var bus = buses[b];
            if (bus is null || !bus.Accepts2(needs))
            {
                continue;
            }

            for (var s = bus.MinSlot; s <= bus.MaxSlot; s++)
            {
                if (bus.IsFree(s))
                {
                    return new PciAddress(0, b, s, 0);
                }
            }
        }

        return null;
    }

    private int growDepth;

    private void Grow(PciConnect needs)
    {
        // A new controller may itself need a new controller upstream, but never endlessly.
        if (growDepth > 4 || buses.Count >= 256)
        {
            throw new DomainConfigException(ErrorKind.ConfigUnsupported, "no PCI slot can be found or added for a device: add a suitable PCI controller (pci-bridge, pcie-root-port) or give the device an address");
        }

        if (DeferControllerSlots && (needs & PciConnect.PciDevice) == 0)
        {
            throw NoSlotForController((needs & PciConnect.PciExpanderBus) != 0 ? "pci-expander-bus" : "pci-bridge");
        }

        var model = growModel(needs) ?? throw new DomainConfigException(ErrorKind.InternalError, "No more available PCI slots");
        var upstream = PciControllerModels.Needs(model);

        // The new controller itself needs a slot somewhere (possibly growing further) —
        // unless it is another root (a pSeries PHB), which plugs into nothing.
        if (upstream != PciConnect.None && !DeferControllerSlots)
        {
            growDepth++;
            try
            {
                ReserveNext(upstream);
            }
            finally
            {
                growDepth--;
            }
        }

        var index = buses.Count;
        AddBus(index, model);
        Added.Add((index, model));
    }
}
