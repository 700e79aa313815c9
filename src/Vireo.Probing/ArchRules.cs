namespace Vireo.Probing;

/// <summary>Per-architecture facts the probe needs: libvirt's arch names and preferred default machines.</summary>
internal static class ArchRules
{
    /// <summary>libvirt's name for the arch QEMU reports in <c>query-target</c>.</summary>
    public static string FromQemu(string qemuArch) => qemuArch switch
    {
        "i386" => "i686",
        "arm" => "armv7l",
        _ => qemuArch,
    };

    public static bool IsX86(string arch) => arch is "x86_64" or "i686";

    public static bool IsArm(string arch) => arch is "aarch64" or "armv7l" or "armv6l" or "armv7b";

    public static bool IsS390(string arch) => arch is "s390x" or "s390";

    public static bool IsPpc64(string arch) => arch is "ppc64" or "ppc64le";

    /// <summary>
    /// The machine libvirt makes the default (moved to the front of the list) when the binary
    /// has it, whatever QEMU itself marks as default; null when libvirt has no preference.
    /// </summary>
    public static string? PreferredMachine(string arch) => arch switch
    {
        "x86_64" or "i686" => "pc",
        "aarch64" or "armv7l" or "armv7b" or "armv6l" => "integratorcp",
        "riscv32" or "riscv64" => "spike_v1.10",
        "ppc64" or "ppc64le" => "pseries",
        "ppc" or "ppcle" => "g3beige",
        "ppcemb" => "bamboo",
        "s390x" => "s390-ccw-virtio",
        "sparc" => "SS-5",
        "sparc64" => "sun4u",
        "mips" or "mipsel" or "mips64" or "mips64el" => "malta",
        "alpha" => "clipper",
        "m68k" => "mcf5208evb",
        "cris" => "axis-dev88",
        "microblaze" or "microblazeel" => "petalogix-s3adsp1800",
        "or32" => "or1k-sim",
        "sh4" or "sh4eb" => "shix",
        "xtensa" or "xtensaeb" => "sim",
        _ => null,
    };

    /// <summary>libvirt's upper-case names for the POWER CPU models QEMU lists in lower case.</summary>
    public static readonly string[] Ppc64ModelNames =
    [
        "POWER6", "POWER7", "POWER8", "POWER9", "POWER10", "POWERPC_e5500", "POWERPC_e6500",
    ];

    /// <summary>Whether a <c>qemu-system-ARCH</c> binary could use KVM on this host (true when the name says nothing).</summary>
    public static bool MayRunNatively(string binaryPath)
    {
        const string prefix = "qemu-system-";
        var name = Path.GetFileName(binaryPath);
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return true;
        }

        var target = name[prefix.Length..];
        return System.Runtime.InteropServices.RuntimeInformation.OSArchitecture switch
        {
            System.Runtime.InteropServices.Architecture.X64 => target is "x86_64" or "i386",
            System.Runtime.InteropServices.Architecture.X86 => target is "i386",
            System.Runtime.InteropServices.Architecture.Arm64 => target is "aarch64" or "arm",
            System.Runtime.InteropServices.Architecture.Arm => target is "arm",
            System.Runtime.InteropServices.Architecture.Ppc64le => target is "ppc64",
            System.Runtime.InteropServices.Architecture.S390x => target is "s390x",
            System.Runtime.InteropServices.Architecture.RiscV64 => target is "riscv64",
            System.Runtime.InteropServices.Architecture.LoongArch64 => target is "loongarch64",
            _ => true,
        };
    }
}
