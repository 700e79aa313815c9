using Vireo.Domain;

namespace Vireo.Advisor.Chain;

/// <summary>
/// Classifies the firmware a domain boots from its <c>&lt;os&gt;</c>, as the runtime's
/// <c>FirmwareSelector</c> would pick it: <c>firmware='efi'</c> is OVMF on x86 and AAVMF
/// (edk2 ArmVirtQemu) on Arm; <c>firmware='bios'</c> or no loader on x86 is SeaBIOS (QEMU's
/// default BIOS, which also runs a direct kernel boot); an explicit loader is known by its
/// file name; Arm, RISC-V and s390 without a loader run no display firmware.
/// </summary>
public static class FirmwareKinds
{
    /// <summary>SeaBIOS with QEMU's VGA BIOSes.</summary>
    public const string SeaBios = "seabios";

    /// <summary>edk2 OvmfPkg for x86.</summary>
    public const string Ovmf = "ovmf";

    /// <summary>edk2 ArmVirtQemu (Debian's AAVMF).</summary>
    public const string Aavmf = "aavmf";

    /// <summary>pSeries SLOF.</summary>
    public const string Slof = "slof";

    /// <summary>No firmware draws: direct kernel boot or no loader.</summary>
    public const string None = "none";

    /// <summary>A loader the advisor does not know.</summary>
    public const string Unknown = "unknown";

    /// <summary>The firmware kind of <paramref name="def"/>.</summary>
    public static string Classify(DomainDefinition def)
    {
        ArgumentNullException.ThrowIfNull(def);
        var family = ArchFamilies.Of(def.Os.Arch ?? "x86_64");
        if (def.Os.Loader?.Path is { Length: > 0 } path)
        {
            return FromLoaderPath(path, family);
        }

        return def.Os.Firmware switch
        {
            "efi" => family switch
            {
                "x86" => Ovmf,
                "arm" => Aavmf,
                _ => Unknown,
            },
            "bios" => family switch
            {
                "x86" => SeaBios,
                "ppc" => Slof,
                _ => Unknown,
            },
            _ => family switch
            {
                "x86" => SeaBios,
                "ppc" => Slof,
                "arm" or "riscv" or "s390" => None,
                _ => Unknown,
            },
        };
    }

    /// <summary>The kind of an explicit loader, by the file names Debian, Fedora and QEMU's own builds use.</summary>
    public static string FromLoaderPath(string path, string family)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path).ToUpperInvariant();
        var dir = path.ToUpperInvariant();
        if (name.Contains("AAVMF", StringComparison.Ordinal) || name.Contains("QEMU_EFI", StringComparison.Ordinal)
            || name.Contains("EDK2-AARCH64", StringComparison.Ordinal) || name.Contains("EDK2-ARM", StringComparison.Ordinal)
            || dir.Contains("/AAVMF/", StringComparison.Ordinal) || dir.Contains("/QEMU-EFI-AARCH64/", StringComparison.Ordinal))
        {
            return family == "arm" ? Aavmf : Unknown;
        }

        if (name.Contains("OVMF", StringComparison.Ordinal) || name.Contains("EDK2-X86_64", StringComparison.Ordinal)
            || name.Contains("EDK2-I386", StringComparison.Ordinal) || dir.Contains("/OVMF/", StringComparison.Ordinal))
        {
            return family == "x86" ? Ovmf : Unknown;
        }

        if (family == "x86" && (name.Contains("SEABIOS", StringComparison.Ordinal) || name.StartsWith("BIOS", StringComparison.Ordinal)))
        {
            return SeaBios;
        }

        if (family == "ppc" && name.Contains("SLOF", StringComparison.Ordinal))
        {
            return Slof;
        }

        return Unknown;
    }
}
