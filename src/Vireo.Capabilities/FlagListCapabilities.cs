using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>
/// The conformance corpus' "fake caps": capabilities built from a flag list instead of a
/// real binary, exactly as SPEC.md §1.3.2 describes (explicit flags, arch, basic arch flags,
/// CPU models, GIC; then, on insertion into the emulator cache, fake machines and
/// accelerator flags).
/// </summary>
public static class FlagListCapabilities
{
    // SPEC.md §1.3.2 step 7: fake emulators and machines per arch, in table order.
    private static readonly ImmutableArray<FakeArch> ArchTable =
    [
        new("i686", "/usr/bin/qemu-system-i386", ["pc"], true, false),
        new("x86_64", "/usr/bin/qemu-system-x86_64", ["pc", "q35"], true, true),
        new("aarch64", "/usr/bin/qemu-system-aarch64", ["virt", "virt-2.6", "versatilepb"], true, true),
        new("armv7l", "/usr/bin/qemu-system-arm", ["vexpress-a9", "virt"], true, false),
        new("ppc64", "/usr/bin/qemu-system-ppc64", ["pseries"], true, false),
        new("ppc", "/usr/bin/qemu-system-ppc", ["ppce500"], true, false),
        new("riscv32", "/usr/bin/qemu-system-riscv32", ["virt"], true, false),
        new("riscv64", "/usr/bin/qemu-system-riscv64", ["virt"], true, false),
        new("s390x", "/usr/bin/qemu-system-s390x", ["s390-ccw-virtio"], true, false),
        new("sparc", "/usr/bin/qemu-system-sparc", ["SS-5"], false, false),
    ];

    // SPEC.md §1.3.2 step 7: arches served by another arch's emulator.
    private static readonly ImmutableDictionary<string, string> ArchAliases =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ppc64le"] = "ppc64",
            ["armv6l"] = "armv7l",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    // SPEC.md §1.3.2 step 3 (virQEMUCapsInitQMPBasicArch): flags implied by the arch alone.
    private static readonly ImmutableDictionary<string, ImmutableArray<string>> BasicArchFlags =
        new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
        {
            ["i686"] = ["no-acpi", "no-hpet"],
            ["x86_64"] = ["no-acpi", "no-hpet"],
            ["aarch64"] = ["no-acpi", "aarch64-off", "gic-version"],
            ["s390"] = ["aes-key-wrap", "dea-key-wrap", "loadparm"],
            ["s390x"] = ["aes-key-wrap", "dea-key-wrap", "loadparm"],
        }.ToImmutableDictionary(StringComparer.Ordinal);

    // SPEC.md §1.3.2 step 4: CPU model names added per arch family, in this order.
    private static readonly ImmutableArray<string> X86Models =
        ["Opteron_G3", "Opteron_G2", "Opteron_G1", "Nehalem", "Penryn", "Conroe", "Haswell-noTSX", "Haswell"];

    private static readonly ImmutableArray<string> X86LegacyModels =
    [
        "n270", "athlon", "pentium3", "pentium2", "pentium", "486", "coreduo",
        "kvm32", "qemu32", "kvm64", "core2duo", "phenom", "qemu64",
    ];

    private static readonly ImmutableArray<string> ArmModels = ["cortex-a9", "cortex-a8", "cortex-a57", "cortex-a53"];

    private static readonly ImmutableArray<string> Ppc64Models = ["POWER8", "POWER7"];

    private static readonly ImmutableArray<string> S390Models = ["z990", "zEC12", "z13"];

    private static readonly ImmutableHashSet<string> X86Arches = ImmutableHashSet.Create(StringComparer.Ordinal, "i686", "x86_64");

    private static readonly ImmutableHashSet<string> ArmArches =
        ImmutableHashSet.Create(StringComparer.Ordinal, "armv6l", "armv7l", "armv7b", "aarch64");

    private static readonly ImmutableHashSet<string> Ppc64Arches = ImmutableHashSet.Create(StringComparer.Ordinal, "ppc64", "ppc64le");

    private static readonly ImmutableHashSet<string> S390Arches = ImmutableHashSet.Create(StringComparer.Ordinal, "s390", "s390x");

    /// <summary>The arches that have a fake emulator, in table order.</summary>
    public static IReadOnlyList<string> FakeArches { get; } = [.. ArchTable.Select(a => a.Arch)];

    /// <summary>The whole fake emulator table, in order.</summary>
    public static IReadOnlyList<FakeArch> FakeArchTable => ArchTable;

    /// <summary>The arch whose emulator serves <paramref name="arch"/> (ppc64le→ppc64, armv6l→armv7l; others unchanged).</summary>
    public static string ResolveArchAlias(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return ArchAliases.TryGetValue(arch, out var target) ? target : arch;
    }

    /// <summary>The fake emulator path for an arch (aliases resolved), or null when the arch has none.</summary>
    public static string? FakeEmulatorFor(string arch) => FindArch(arch)?.Emulator;

    /// <summary>The fake table row for an arch (aliases resolved), or null.</summary>
    public static FakeArch? FindArch(string arch)
    {
        var resolved = ResolveArchAlias(arch);
        foreach (var row in ArchTable)
        {
            if (row.Arch == resolved)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>The flags an arch implies by itself (SPEC.md §1.3.2 step 3); empty for most arches.</summary>
    public static ImmutableArray<string> BasicFlagsFor(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return BasicArchFlags.TryGetValue(arch, out var flags) ? flags : [];
    }

    /// <summary>
    /// Fake caps for a command-line test (SPEC.md §1.3.2 steps 1–4 and 6): the explicit
    /// flags, the arch, its basic flags, the harness CPU models (usable unknown) and the
    /// given GIC capabilities. No machines yet: see <see cref="WithFakeMachines"/>.
    /// </summary>
    public static QemuCapabilities CreateForArgv(
        IEnumerable<string> explicitFlags, string arch, bool skipLegacyCpus, IEnumerable<GicCapability> gic)
    {
        ArgumentNullException.ThrowIfNull(explicitFlags);
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(gic);

        var flags = ImmutableHashSet.CreateRange(StringComparer.Ordinal, explicitFlags).Union(BasicFlagsFor(arch));
        return new QemuCapabilities
        {
            Arch = arch,
            Flags = flags,
            CpuModels = CpuModelsFor(arch, skipLegacyCpus),
            Gic = [.. gic],
        };
    }

    /// <summary>
    /// Fake caps for an XML round-trip test: only the explicit flags and GIC data
    /// (no arch, no CPU models, no basic arch flags).
    /// </summary>
    public static QemuCapabilities CreateForXml2Xml(IEnumerable<string> explicitFlags, IEnumerable<GicCapability> gic)
    {
        ArgumentNullException.ThrowIfNull(explicitFlags);
        ArgumentNullException.ThrowIfNull(gic);
        return new QemuCapabilities
        {
            Flags = ImmutableHashSet.CreateRange(StringComparer.Ordinal, explicitFlags),
            Gic = [.. gic],
        };
    }

    /// <summary>
    /// SPEC.md §1.3.2 step 7: the copy the harness puts in its emulator cache. The arch is
    /// alias-resolved; the arch's fake machines are added for TCG, for KVM on Linux (not
    /// sparc) and for HVF on macOS (x86_64/aarch64), with flags <c>tcg</c>, <c>kvm</c>,
    /// <c>hvf</c> to match. The emulator is the arch's fake emulator. An arch without a
    /// fake emulator gets only its resolved arch set.
    /// </summary>
    /// <param name="caps">Fake caps (normally from <see cref="CreateForArgv"/>).</param>
    /// <param name="arch">Guest arch (aliases such as ppc64le are resolved).</param>
    /// <param name="hostOs"><c>linux</c> or <c>macos</c>.</param>
    public static QemuCapabilities WithFakeMachines(QemuCapabilities caps, string arch, string hostOs)
    {
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(arch);
        ArgumentNullException.ThrowIfNull(hostOs);

        var resolved = ResolveArchAlias(arch);
        var row = FindArch(resolved);
        if (row is null)
        {
            return caps with { Arch = resolved };
        }

        var linux = hostOs == "linux";
        var macos = hostOs == "macos";
        var accels = new List<Accelerator> { Accelerator.Tcg };
        var flags = new List<string> { "tcg" };
        if (linux && row.KvmOnLinux)
        {
            accels.Add(Accelerator.Kvm);
            flags.Add("kvm");
        }

        if (macos && row.HvfOnMacos)
        {
            accels.Add(Accelerator.Hvf);
            flags.Add("hvf");
        }

        var machines = caps.Machines.ToBuilder();
        foreach (var accel in accels)
        {
            foreach (var name in row.Machines)
            {
                machines.Add(new MachineType
                {
                    Name = name,
                    Accelerator = accel,
                    Alias = null,
                    HotplugCpus = false,
                    MaxCpus = 0,
                    IsDefault = false,
                    NumaMemSupported = true,
                    DefaultCpu = null,
                    DefaultRamId = null,
                    Deprecated = false,
                });
            }
        }

        return caps with
        {
            Arch = row.Arch,
            Emulator = row.Emulator,
            Flags = caps.Flags.Union(flags),
            Machines = machines.ToImmutable(),
        };
    }

    private static ImmutableArray<CpuModel> CpuModelsFor(string arch, bool skipLegacy)
    {
        var builder = ImmutableArray.CreateBuilder<CpuModel>();
        if (X86Arches.Contains(arch))
        {
            var names = skipLegacy ? X86Models : X86Models.AddRange(X86LegacyModels);
            AddModels(builder, names, Accelerator.Kvm);
            AddModels(builder, names, Accelerator.Tcg);
        }
        else if (ArmArches.Contains(arch))
        {
            AddModels(builder, ArmModels, Accelerator.Kvm);
            AddModels(builder, ArmModels, Accelerator.Tcg);
        }
        else if (Ppc64Arches.Contains(arch))
        {
            AddModels(builder, Ppc64Models, Accelerator.Kvm);
            AddModels(builder, Ppc64Models, Accelerator.Tcg);
        }
        else if (S390Arches.Contains(arch))
        {
            AddModels(builder, S390Models, Accelerator.Kvm);
        }

        return builder.ToImmutable();
    }

    private static void AddModels(ImmutableArray<CpuModel>.Builder builder, ImmutableArray<string> names, Accelerator accel)
    {
        foreach (var name in names)
        {
            builder.Add(new CpuModel { Name = name, Accelerator = accel, Usable = null });
        }
    }
}
