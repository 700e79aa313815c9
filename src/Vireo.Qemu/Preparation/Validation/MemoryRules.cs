using System.Xml.Linq;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Configuration;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Memory, guest NUMA, hugepage, numatune and vCPU scheduling rules.</summary>
internal static class MemoryRules
{
    private const ulong SystemPageKiB = 4;

    /// <summary>Rules on the memory and NUMA configuration as written.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        var cells = NumaCells(def);
        if (def.MemoryKiB == 0 && cells.Count == 0)
        {
            throw Xml("Memory size must be specified via <memory> or in the <numa> configuration");
        }

        CheckCells(cells);
        CheckHugepages(def, cells.Count);
        CheckNumatune(def, cells.Count);
        CheckMemoryDevices(def, cells.Count);
        CheckScheduling(def);
    }

    /// <summary>Rules that depend on the machine type.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        CheckMemoryHotplug(def, p);

        var backing = def.MemoryBacking;
        var pages = Hugepages(def);
        if (backing is null || pages.Count == 0)
        {
            return;
        }

        if (Attr(backing.Element("allocation"), "mode") == "ondemand")
        {
            throw Unsupported("hugepages are not allowed with memory allocation ondemand");
        }

        if (Attr(backing.Element("source"), "type") == "anonymous")
        {
            throw Unsupported("hugepages are not allowed with anonymous memory source");
        }

        var access = Attr(backing.Element("access"), "mode");
        var defaultRamId = p.Caps.FindMachine(p.Machine, p.Accel)?.DefaultRamId;
        if (defaultRamId is null && pages[0].SizeKiB != SystemPageKiB && NumaCells(def).Count == 0 &&
            access is not null and not "private")
        {
            throw Unsupported($"memory access mode '{access}' not supported without guest numa node");
        }
    }

    /// <summary>Each hugepage size needs a hugetlbfs mount when the guest starts.</summary>
    public static void AtLaunch(DomainDefinition def, DriverConfig config)
    {
        var pages = Hugepages(def);
        if (pages.Count == 0)
        {
            return;
        }

        if (config.Hugetlbfs.IsDefaultOrEmpty)
        {
            throw Internal("hugetlbfs filesystem is not mounted or disabled by administrator config");
        }

        foreach (var page in pages)
        {
            if (page.SizeKiB is 0 or SystemPageKiB)
            {
                continue;
            }

            if (!config.Hugetlbfs.Any(m => m.PageSizeKiB == page.SizeKiB))
            {
                throw Internal($"Unable to find any usable hugetlbfs mount for {N(page.SizeKiB)} KiB");
            }
        }
    }

    private sealed record Hugepage(ulong SizeKiB, SortedSet<int>? Nodes);

    private static List<Hugepage> Hugepages(DomainDefinition def)
    {
        var list = new List<Hugepage>();
        if (def.MemoryBacking?.Element("hugepages") is not { } hugepages)
        {
            return list;
        }

        var pages = hugepages.Elements("page").ToList();
        if (pages.Count == 0)
        {
            list.Add(new Hugepage(0, null));
            return list;
        }

        foreach (var page in pages)
        {
            var bytes = ScaledBytes(Attr(page, "size"), Attr(page, "unit"), 1024) ?? 0;
            var nodeset = Attr(page, "nodeset");
            list.Add(new Hugepage(bytes / 1024, nodeset is null ? null : ParseBitmap(nodeset)));
        }

        return list;
    }

    private static void CheckCells(IReadOnlyList<XElement> cells)
    {
        var seen = new HashSet<ulong>();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            ulong id = (ulong)i;
            if (Attr(cell, "id") is { } idText && TryUnsigned(idText, out var parsed))
            {
                id = parsed;
            }

            if (id >= (ulong)cells.Count)
            {
                throw Xml("Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed");
            }

            if (!seen.Add(id))
            {
                throw Xml($"Duplicate NUMA cell info for cell id '{N(id)}'");
            }

            if (Attr(cell, "memAccess") is { } access && access is not ("shared" or "private"))
            {
                throw Xml($"Invalid value for attribute 'memAccess' in element 'cell': '{access}'.");
            }
        }
    }

    private static void CheckHugepages(DomainDefinition def, int cellCount)
    {
        var pages = Hugepages(def);

        // Without guest NUMA, a page bound to node 0 alone is the default page size.
        if (cellCount == 0)
        {
            pages = [.. pages.Select(pg => pg.Nodes is { } n && !n.Any(x => x > 0) ? pg with { Nodes = null } : pg)];
        }

        for (var i = 0; i < pages.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (pages[i].Nodes is { } a && pages[j].Nodes is { } b && a.Overlaps(b))
                {
                    throw Xml($"nodeset attribute of hugepages of sizes {N(pages[i].SizeKiB)} and {N(pages[j].SizeKiB)} intersect");
                }

                if (pages[i].Nodes is null && pages[j].Nodes is null)
                {
                    throw Xml($"two master hugepages detected: {N(pages[i].SizeKiB)} and {N(pages[j].SizeKiB)}");
                }
            }

            if (pages[i].Nodes is { } nodes && nodes.FirstOrDefault(n => n >= cellCount, -1) is var missing and >= 0)
            {
                throw Xml($"hugepages: node {N(missing)} not found");
            }
        }
    }

    private static void CheckNumatune(DomainDefinition def, int cellCount)
    {
        if (Top(def, "numatune") is not { } numatune)
        {
            return;
        }

        var memory = numatune.Element("memory");
        var nodeset = Attr(memory, "nodeset");
        if (nodeset is not null && ParseBitmap(nodeset) is { Count: 0 })
        {
            throw Unsupported($"Invalid value of 'nodeset': {nodeset}");
        }

        var memnodes = numatune.Elements("memnode").ToList();
        if (memnodes.Count == 0)
        {
            return;
        }

        if (cellCount == 0)
        {
            throw Xml("Element 'memnode' is invalid without any guest NUMA cells");
        }

        var placement = Attr(memory, "placement")
            ?? (nodeset is not null ? "static" : def.Vcpu.Placement == "auto" ? "auto" : "static");
        if (placement == "auto")
        {
            throw Unsupported("Per-node binding is not compatible with automatic NUMA placement.");
        }

        if (Attr(memory, "mode") == "restrictive" && memnodes.Any(m => (Attr(m, "mode") ?? "strict") != "restrictive"))
        {
            throw Xml("'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element");
        }
    }

    private static void CheckMemoryDevices(DomainDefinition def, int cellCount)
    {
        if (cellCount == 0)
        {
            return;
        }

        foreach (var mem in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "memory"))
        {
            var node = mem.Child("target")?.Element("node");
            if (node is not null && TryUnsigned(node.Value, out var n) && n >= (ulong)cellCount)
            {
                throw Xml($"can't add memory backend for guest node '{N(n)}' as the guest has only '{N(cellCount)}' NUMA nodes configured");
            }
        }
    }

    // DIMMs need <maxMemory>, guest NUMA (except on pSeries) and free slots.
    private static void CheckMemoryHotplug(DomainDefinition def, PlatformContext p)
    {
        var dimms = def.Devices.Where(d => d.ElementName == "memory" && DimmModel(d)).ToList();
        var hotplug = def.MaxMemoryKiB is > 0 || def.MaxMemorySlots is > 0;
        if (!hotplug)
        {
            if (dimms.Count > 0)
            {
                throw Unsupported("cannot use/hotplug a memory device when domain 'maxMemory' is not defined");
            }

            return;
        }

        if (!p.Arch.StartsWith("ppc64", StringComparison.Ordinal) && NumaCells(def).Count == 0)
        {
            throw Unsupported("At least one numa node has to be configured when enabling memory hotplug");
        }

        var slots = def.MaxMemorySlots ?? 0;
        if (dimms.Count > slots)
        {
            throw Unsupported($"memory device count '{N(dimms.Count)}' exceeds slots count '{N(slots)}'");
        }

        foreach (var dimm in dimms)
        {
            if (dimm.Info.Address is OtherAddress { TypeName: "dimm" } a &&
                a.Attributes.FirstOrDefault(kv => kv.Key == "slot").Value is { } slotText &&
                TryUnsigned(slotText, out var slot) && slot >= (ulong)slots)
            {
                throw Unsupported($"memory device slot '{N(slot)}' exceeds slots count '{N(slots)}'");
            }
        }
    }

    private static bool DimmModel(DomainDevice d) =>
        d is GenericDevice g && g.Attr("model") is "dimm" or "nvdimm";

    private static void CheckScheduling(DomainDefinition def)
    {
        if (Top(def, "cputune") is not { } cputune)
        {
            return;
        }

        CheckOverlap(cputune, "vcpusched", "vcpus");
        CheckOverlap(cputune, "iothreadsched", "iothreads");
    }

    private static void CheckOverlap(XElement cputune, string element, string attribute)
    {
        var taken = new SortedSet<int>();
        foreach (var sched in cputune.Elements(element))
        {
            if (ParseBitmap(Attr(sched, attribute)) is not { } ids)
            {
                continue;
            }

            if (taken.Overlaps(ids))
            {
                throw Xml($"'{element}' attributes '{attribute}' must not overlap");
            }

            taken.UnionWith(ids);
        }
    }
}
