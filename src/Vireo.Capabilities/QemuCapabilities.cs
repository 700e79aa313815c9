using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>
/// An immutable snapshot of what one QEMU binary can do: the facts libvirt keeps in
/// its <c>caps_*.xml</c> cache files. Built by a loader (libvirt cache XML, a flag
/// list, or a live QMP probe) and passed, never mutated, to the engine.
/// </summary>
public sealed record QemuCapabilities
{
    /// <summary>Path of the emulator binary these capabilities describe.</summary>
    public string Emulator { get; init; } = "";

    /// <summary>QEMU version as major*1_000_000 + minor*1_000 + micro (0 = unknown/fake).</summary>
    public int Version { get; init; }

    /// <summary>KVM version reported by the binary (usually 0).</summary>
    public int KvmVersion { get; init; }

    /// <summary>Microcode version recorded with the snapshot.</summary>
    public long MicrocodeVersion { get; init; }

    /// <summary>Package string reported by QEMU (may be empty).</summary>
    public string Package { get; init; } = "";

    /// <summary>Guest architecture (libvirt arch name: x86_64, aarch64, ppc64, s390x, ...); empty when unknown.</summary>
    public string Arch { get; init; } = "";

    /// <summary>Capability flags, by libvirt's flag string (e.g. <c>device.json</c>, <c>virtio-vga</c>).</summary>
    public ImmutableHashSet<string> Flags { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal);

    /// <summary>Machine types, in the order the snapshot lists them; each tagged with its accelerator.</summary>
    public ImmutableArray<MachineType> Machines { get; init; } = [];

    /// <summary>CPU models, in snapshot order; each tagged with its accelerator.</summary>
    public ImmutableArray<CpuModel> CpuModels { get; init; } = [];

    /// <summary>Host-model CPU expansion data per accelerator (kvm/tcg), when the snapshot has it.</summary>
    public ImmutableDictionary<Accelerator, HostCpuModel> HostCpus { get; init; } = ImmutableDictionary<Accelerator, HostCpuModel>.Empty;

    /// <summary>GIC versions the binary supports (aarch64), as recorded.</summary>
    public ImmutableArray<GicCapability> Gic { get; init; } = [];

    /// <summary>Whether the snapshot records SEV support (content kept opaque for now).</summary>
    public bool HasSev { get; init; }

    /// <summary>AMD SEV: the C-bit position in page table entries, as recorded (null = unknown).</summary>
    public int? SevCbitPos { get; init; }

    /// <summary>AMD SEV: physical address bits lost when SEV is on, as recorded (null = unknown).</summary>
    public int? SevReducedPhysBits { get; init; }

    /// <summary>Whether the snapshot records SGX support.</summary>
    public bool HasSgx { get; init; }

    /// <summary>True if the binary has the given flag.</summary>
    public bool Has(string flag) => Flags.Contains(flag);

    /// <summary>Returns a copy with the given flags added.</summary>
    public QemuCapabilities WithFlags(IEnumerable<string> flags) => this with { Flags = Flags.Union(flags) };

    /// <summary>Machines available with the given accelerator, in snapshot order.</summary>
    public IEnumerable<MachineType> MachinesFor(Accelerator accel) => Machines.Where(m => m.Accelerator == accel);

    /// <summary>
    /// Looks up a machine by name or alias for an accelerator. Returns null if unknown.
    /// </summary>
    public MachineType? FindMachine(string nameOrAlias, Accelerator accel)
    {
        foreach (var m in Machines)
        {
            if (m.Accelerator == accel && (m.Name == nameOrAlias || m.Alias == nameOrAlias))
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>
    /// The default machine for an accelerator: the one flagged default, else the first listed.
    /// </summary>
    public MachineType? DefaultMachine(Accelerator accel)
    {
        MachineType? first = null;
        foreach (var m in Machines)
        {
            if (m.Accelerator != accel)
            {
                continue;
            }

            if (m.IsDefault)
            {
                return m;
            }

            first ??= m;
        }

        return first;
    }

    /// <summary>CPU model names known for an accelerator.</summary>
    public IEnumerable<CpuModel> CpuModelsFor(Accelerator accel) => CpuModels.Where(c => c.Accelerator == accel);

    /// <summary>
    /// True when the binary offers a CPU model for the accelerator (with <paramref name="name"/>:
    /// that model). Same answer as <c>CpuModelsFor(accel).Any(...)</c>, without allocating: it is
    /// asked for every domain.
    /// </summary>
    public bool OffersCpuModel(Accelerator accel, string? name = null)
    {
        foreach (var c in CpuModels)
        {
            if (c.Accelerator == accel && (name is null || c.Name == name))
            {
                return true;
            }
        }

        return false;
    }
}
