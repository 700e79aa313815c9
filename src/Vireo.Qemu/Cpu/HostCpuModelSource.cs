using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Vireo.Capabilities;
using Vireo.Domain.Cpu;
using Vireo.Qemu.DomainCapabilities;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Cpu;

/// <summary>
/// The host-model CPU of a binary, per accelerator, as libvirt computes it
/// (virQEMUCapsInitHostCPUModel): from QEMU's recorded expansion of the host CPU when the
/// capabilities have one (x86), else from the host CPU itself, minus the features QEMU
/// cannot control. <see cref="Reported"/> is what domain capabilities show;
/// <see cref="Migratable"/> (without non-migratable features such as invtsc) is what a
/// host-model guest gets.
/// </summary>
internal sealed class HostCpuModelSource
{
    // Source: libvirt 9.0 qemu_capabilities.c virQEMUCapsCPUFilterFeatures — x86 features
    // QEMU does not let a guest control, dropped from host-model CPUs.
    private static readonly ImmutableHashSet<string> FilteredX86Features =
        ImmutableHashSet.Create(StringComparer.Ordinal, "cmt", "mbm_total", "mbm_local", "osxsave", "ospke");

    // Source: libvirt src/cpu_map/x86_features.xml — features marked migratable='no'.
    private static readonly ImmutableHashSet<string> NonMigratableX86Features =
        ImmutableHashSet.Create(StringComparer.Ordinal, "invtsc");

    // The decoded x86 host model per capabilities instance (by reference) and accelerator.
    private static readonly ConditionalWeakTable<QemuCapabilities, ConcurrentDictionary<Accelerator, CpuConfig?>> DecodedX86 = new();

    private readonly QemuCapabilities caps;
    private readonly string arch;
    private readonly HostCpu? hostCpu;
    private readonly Dictionary<Accelerator, CpuConfig?> reported = [];

    public HostCpuModelSource(QemuCapabilities caps, string arch, HostCpu? hostCpu)
    {
        this.caps = caps;
        this.arch = arch;
        this.hostCpu = hostCpu;
    }

    /// <summary>The host CPU as the binary would present it to a host-model guest, or null.</summary>
    public CpuConfig? Reported(Accelerator accel)
    {
        if (!reported.TryGetValue(accel, out var cpu))
        {
            cpu = Compute(accel);
            reported[accel] = cpu;
        }

        return cpu;
    }

    /// <summary>The migratable host model: <see cref="Reported"/> without non-migratable features.</summary>
    public CpuConfig? Migratable(Accelerator accel)
    {
        var cpu = Reported(accel);
        if (cpu is null || !Machine.IsX86(arch))
        {
            return cpu;
        }

        return cpu with { Features = [.. cpu.Features.Where(f => !NonMigratableX86Features.Contains(f.Name))] };
    }

    /// <summary>The host CPU itself (for compatibility checks), when it matches the guest arch.</summary>
    public HostCpu? Full => hostCpu is not null && SameFamily(hostCpu.Arch, arch) ? hostCpu : null;

    private CpuConfig? Compute(Accelerator accel)
    {
        if (Machine.IsX86(arch) && caps.HostCpus.ContainsKey(accel))
        {
            // A function of the (immutable) capabilities and the accelerator only, and the
            // costliest step of building an x86 command line: decoded once per capabilities.
            return DecodedX86.GetOrCreateValue(caps).GetOrAdd(accel, static (a, c) => DecodeX86(c, a), caps);
        }

        if (caps.HostCpus.TryGetValue(accel, out var recorded))
        {
            // Other arches with a recorded expansion (s390): QEMU's own model of the host.
            return new CpuConfig { Mode = "custom", Match = "exact", Model = recorded.Model, ModelFallback = "forbid" };
        }

        if (Full is not { Model: not null } host)
        {
            return null;
        }

        IEnumerable<string> features = host.Features;
        if (Machine.IsX86(arch))
        {
            features = features.Where(f => !FilteredX86Features.Contains(f));
        }

        return new CpuConfig
        {
            Mode = "custom",
            Match = "exact",
            Model = host.Model,
            ModelFallback = "allow",
            Vendor = host.Vendor,
            Features = [.. features.Select(f => new CpuFeature("require", f))],
        };
    }

    private static CpuConfig? DecodeX86(QemuCapabilities caps, Accelerator accel)
    {
        var offered = caps.CpuModelsFor(accel).ToList();
        if (X86HostModelDecoder.Decode(caps.HostCpus[accel], offered) is not { } decoded)
        {
            return null;
        }

        return new CpuConfig
        {
            Mode = "custom",
            Match = "exact",
            Model = decoded.Model,
            ModelFallback = "forbid",
            Vendor = decoded.Vendor,
            Features = [.. decoded.Features.Where(f => !FilteredX86Features.Contains(f.Name)).Select(f => new CpuFeature(f.Policy, f.Name))],
        };
    }

    private static bool SameFamily(string hostArch, string guestArch) =>
        (Machine.IsX86(hostArch) && Machine.IsX86(guestArch)) || (Machine.IsPpc64(hostArch) && Machine.IsPpc64(guestArch))
        || (Machine.IsS390(hostArch) && Machine.IsS390(guestArch)) || hostArch == guestArch;
}
