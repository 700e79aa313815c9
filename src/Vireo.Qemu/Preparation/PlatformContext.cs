using Vireo.Capabilities;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>What post-parse resolved about where the domain runs: arch, machine, binary, accelerator.</summary>
public sealed record PlatformContext(string Arch, string Machine, string Emulator, QemuCapabilities Caps, Accelerator Accel, HostInfo Host)
{
    public bool IsX86 => Platform.Machine.IsX86(Arch);

    public bool IsI440fx => Platform.Machine.IsI440fx(Arch, Machine);

    public bool IsQ35 => Platform.Machine.IsQ35(Arch, Machine);

    public bool IsArmVirt => Platform.Machine.IsArmVirt(Arch, Machine);

    public bool IsRiscvVirt => Platform.Machine.IsRiscvVirt(Arch, Machine);

    public bool IsPSeries => Platform.Machine.IsPSeries(Arch, Machine);

    public bool IsS390Ccw => Platform.Machine.IsS390Ccw(Arch, Machine);

    public bool IsS390 => Platform.Machine.IsS390(Arch);

    public bool HasPcieRoot => Platform.Machine.HasPcieRoot(Arch, Machine);

    public bool Has(string flag) => Caps.Has(flag);

    /// <summary>The accelerator a domain type runs under.</summary>
    public static Accelerator AccelFor(string virtType) => virtType switch
    {
        "kvm" => Accelerator.Kvm,
        "hvf" => Accelerator.Hvf,
        _ => Accelerator.Tcg,
    };
}
