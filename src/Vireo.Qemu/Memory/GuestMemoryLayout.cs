using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Memory;
using Vireo.Domain.Numa;
using Vireo.Domain.Errors;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Memory;

/// <summary>
/// Guest RAM sizes as QEMU gets them: boot RAM (-m), the NUMA cells and the memory
/// devices, rounded the way libvirt rounds them before a fresh start
/// (qemuDomainAlignMemorySizes). An incoming migration keeps the sizes unrounded,
/// since the source's memory layout must be matched exactly.
/// </summary>
internal sealed record GuestMemoryLayout
{
    /// <summary>Boot RAM (without memory devices), KiB.</summary>
    public ulong InitialKiB { get; init; }

    /// <summary>Maximum memory for hotplug, KiB (0 = none).</summary>
    public ulong MaxKiB { get; init; }

    /// <summary>Memory of each NUMA cell, KiB, by cell index.</summary>
    public ImmutableArray<ulong> CellKiB { get; init; } = [];

    /// <summary>Size of each memory device, KiB, in device order.</summary>
    public ImmutableArray<ulong> DeviceKiB { get; init; } = [];

    /// <summary>Computes the layout; <paramref name="align"/> is false for an incoming migration.</summary>
    public static GuestMemoryLayout For(DomainDefinition def, GuestNuma numa, IReadOnlyList<MemoryDeviceConfig> devices, string arch, bool align)
    {
        var deviceSum = devices.Aggregate(0UL, (s, d) => s + d.SizeKiB);
        var initial = def.MemoryKiB > deviceSum ? def.MemoryKiB - deviceSum : numa.TotalMemoryKiB;
        var cells = numa.Cells.Select(c => c.MemoryKiB).ToImmutableArray();
        var sizes = devices.Select(d => d.SizeKiB).ToImmutableArray();
        var max = def.MaxMemoryKiB ?? 0;
        if (!align)
        {
            return new GuestMemoryLayout { InitialKiB = initial, MaxKiB = max, CellKiB = cells, DeviceKiB = sizes };
        }

        var unit = SizeAlignment(arch);
        cells = [.. cells.Select(c => RoundUp(c, unit))];
        initial = cells.Length > 0 ? cells.Aggregate(0UL, (s, c) => s + c) : RoundUp(initial, unit);
        max = RoundUp(max, unit);
        var aligned = ImmutableArray.CreateBuilder<ulong>(devices.Count);
        foreach (var d in devices)
        {
            aligned.Add(d.Model == "nvdimm" && Machine.IsPpc64(arch) ? PSeriesNvdimmSize(d) : RoundUp(d.SizeKiB, ModuleAlignment(arch)));
        }

        return new GuestMemoryLayout { InitialKiB = initial, MaxKiB = max, CellKiB = cells, DeviceKiB = aligned.ToImmutable() };
    }

    // Source: libvirt 9.0 qemu_domain.c qemuDomainGetMemorySizeAlignment — 256 MiB on PPC64
    // (the pSeries LMB size), else 1 MiB.
    private static ulong SizeAlignment(string arch) => Machine.IsPpc64(arch) ? 256UL * 1024 : 1024UL;

    // Source: libvirt 9.0 qemuDomainGetMemoryModuleSizeAlignment — DIMMs need 2 MiB, PPC64 256 MiB.
    private static ulong ModuleAlignment(string arch) => Machine.IsPpc64(arch) ? 256UL * 1024 : 2048UL;

    /// <summary>
    /// pSeries NVDIMMs: the guest area (size minus label) must be a multiple of 256 MiB, so it
    /// is rounded down (libvirt virDomainNVDimmAlignSizePseries).
    /// </summary>
    internal static ulong PSeriesNvdimmSize(MemoryDeviceConfig d)
    {
        const ulong Lmb = 256UL * 1024;
        if (d.SizeKiB < Lmb + d.LabelSizeKiB)
        {
            throw DomainConfigException.Xml("minimum target size for the NVDIMM must be 256MB plus the label size");
        }

        var guestArea = (d.SizeKiB - d.LabelSizeKiB) / Lmb * Lmb;
        return guestArea + d.LabelSizeKiB;
    }

    private static ulong RoundUp(ulong value, ulong unit) => value == 0 ? 0 : (value + unit - 1) / unit * unit;
}
