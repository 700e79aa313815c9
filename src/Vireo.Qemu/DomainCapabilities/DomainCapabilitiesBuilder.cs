using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Domain.Errors;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Computes what a QEMU binary offers a domain — libvirt 9.0's
/// virQEMUCapsFillDomainCaps, as data. Pure function of its inputs.
/// </summary>
public static partial class DomainCapabilitiesBuilder
{
    // s390 machine types on which KVM only supports host-passthrough CPUs.
    // Source: libvirt src/qemu/qemu_capabilities.c s390HostPassthroughOnlyMachines.
    private static readonly ImmutableArray<string> S390HostPassthroughOnlyMachines =
        ["s390-ccw-virtio-2.4", "s390-ccw-virtio-2.5", "s390-ccw-virtio-2.6", "s390-ccw-virtio-2.7"];

    /// <summary>
    /// Builds the domain capabilities of <paramref name="caps"/> for <paramref name="virtType"/>
    /// (kvm, qemu or hvf) and <paramref name="machine"/> (name or alias; null = the binary's
    /// preferred machine) on <paramref name="host"/>.
    /// </summary>
    /// <exception cref="DomainCapabilitiesException">libvirt would refuse the request.</exception>
    public static DomainCapabilitiesModel Build(QemuCapabilities caps, HostInfo host, string? machine, string virtType, DomainCapsOptions opts)
    {
        ArgumentNullException.ThrowIfNull(caps);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(virtType);
        ArgumentNullException.ThrowIfNull(opts);

        var accel = ParseVirtType(virtType);
        var arch = ResolveArch(caps, opts.Arch);
        if (accel != Accelerator.Tcg && CapsVirtType(caps) == Accelerator.Tcg)
        {
            throw new DomainCapabilitiesException(
                ErrorKind.InvalidArgument, $"the accel '{virtType}' is not supported by '{caps.Emulator}' on this host");
        }

        var canonical = ResolveMachine(caps, accel, machine);
        return new DomainCapabilitiesModel
        {
            Path = caps.Emulator,
            Domain = virtType,
            Machine = canonical,
            Arch = arch,
            MaxVcpus = MaxVcpus(caps, accel, canonical, opts),
            Iothreads = true,
            Os = BuildOs(arch, canonical, opts),
            Cpu = BuildCpu(caps, host, accel, arch, canonical),
            MemoryBacking = BuildMemoryBacking(caps),
            Devices = BuildDevices(caps, arch, canonical, virtType, opts),
            Features = BuildFeatures(caps, arch, canonical, accel, opts),
        };
    }

    /// <summary>The virt type libvirt picks when none is given: kvm, then hvf, then qemu.</summary>
    public static string DefaultVirtType(QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        return CapsVirtType(caps) switch
        {
            Accelerator.Kvm => "kvm",
            Accelerator.Hvf => "hvf",
            _ => "qemu",
        };
    }

    /// <summary>
    /// libvirt's virQEMUCapsGuestIsNative: the host can accelerate guests of this arch
    /// (same arch, i686 on x86_64, armv7l on aarch64, any ppc64 flavour on ppc64).
    /// </summary>
    public static bool GuestIsNative(string hostArch, string guestArch)
    {
        ArgumentNullException.ThrowIfNull(hostArch);
        ArgumentNullException.ThrowIfNull(guestArch);
        return hostArch == guestArch ||
            (hostArch == "x86_64" && guestArch == "i686") ||
            (hostArch == "aarch64" && guestArch == "armv7l") ||
            (Machine.IsPpc64(hostArch) && Machine.IsPpc64(guestArch));
    }

    private static Accelerator CapsVirtType(QemuCapabilities caps) =>
        caps.Has("kvm") ? Accelerator.Kvm : caps.Has("hvf") ? Accelerator.Hvf : Accelerator.Tcg;

    private static Accelerator ParseVirtType(string virtType) => virtType switch
    {
        "kvm" => Accelerator.Kvm,
        "qemu" => Accelerator.Tcg,
        "hvf" => Accelerator.Hvf,
        _ => throw new DomainCapabilitiesException(ErrorKind.InvalidArgument, $"unknown virttype: {virtType}"),
    };

    private static string ResolveArch(QemuCapabilities caps, string? requested)
    {
        if (requested is null || requested == caps.Arch)
        {
            return caps.Arch;
        }

        var compatible =
            (Machine.IsX86(requested) && Machine.IsX86(caps.Arch)) ||
            (Machine.IsPpc(requested) && Machine.IsPpc(caps.Arch)) ||
            (Machine.IsArm(requested) && Machine.IsArm(caps.Arch)) ||
            (Machine.IsS390(requested) && Machine.IsS390(caps.Arch));
        if (!compatible)
        {
            throw new DomainCapabilitiesException(
                ErrorKind.InvalidArgument,
                $"architecture from emulator '{caps.Arch}' doesn't match given architecture '{requested}'");
        }

        return requested;
    }

    private static string? ResolveMachine(QemuCapabilities caps, Accelerator accel, string? machine)
    {
        if (machine is null)
        {
            return caps.MachinesFor(accel).FirstOrDefault()?.Name;
        }

        var found = caps.FindMachine(machine, accel)
            ?? throw new DomainCapabilitiesException(
                ErrorKind.InvalidArgument, $"the machine '{machine}' is not supported by emulator '{caps.Emulator}'");
        return found.Name;
    }

    private static int MaxVcpus(QemuCapabilities caps, Accelerator accel, string? machine, DomainCapsOptions opts)
    {
        var max = 0;
        if (machine is not null)
        {
            max = caps.MachinesFor(accel).FirstOrDefault(m => m.MaxCpus != 0 && m.Name == machine)?.MaxCpus ?? 0;
        }

        if (accel == Accelerator.Kvm && opts.KvmMaxVcpus is { } kvmMax)
        {
            max = Math.Min(max, kvmMax);
        }

        return max;
    }

    private static DomainCapsSection BuildMemoryBacking(QemuCapabilities caps)
    {
        var sources = new List<string> { "file", "anonymous" };
        if (caps.Has("memory-backend-memfd"))
        {
            sources.Add("memfd");
        }

        return new DomainCapsSection
        {
            Supported = true,
            Enums = [LibvirtEnumOrder.Enum("sourceType", sources, LibvirtEnumOrder.MemorySource)],
        };
    }

    private static bool IsS390HostPassthroughOnly(QemuCapabilities caps, Accelerator accel, string? machine) =>
        Machine.IsS390(caps.Arch) && accel == Accelerator.Kvm && machine is not null &&
        S390HostPassthroughOnlyMachines.Contains(machine, StringComparer.Ordinal);
}
