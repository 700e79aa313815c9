using System.Collections.Immutable;

namespace Vireo.Qemu.Firmware;

/// <summary>
/// A QEMU firmware descriptor (QEMU's docs/interop/firmware.json): which interfaces a
/// firmware image offers, how it is mapped, for which arch/machine pairs, with which
/// features. Only the fields libvirt's domain capabilities use are kept.
/// </summary>
public sealed record FirmwareDescriptor
{
    /// <summary>File name the descriptor was read from (its sort key).</summary>
    public required string FileName { get; init; }

    public string Description { get; init; } = "";

    /// <summary><c>interface-types</c>: bios, uefi, openfirmware, uboot...</summary>
    public ImmutableArray<string> InterfaceTypes { get; init; } = [];

    /// <summary><c>mapping.device</c>: flash, memory or kernel.</summary>
    public string Device { get; init; } = "";

    /// <summary>The image: <c>mapping.executable.filename</c> (flash) or <c>mapping.filename</c> (memory).</summary>
    public string? Executable { get; init; }

    /// <summary><c>mapping.nvram-template.filename</c> (flash only).</summary>
    public string? NvramTemplate { get; init; }

    public ImmutableArray<FirmwareTarget> Targets { get; init; } = [];

    /// <summary><c>features</c>: acpi-s3, secure-boot, requires-smm, amd-sev...</summary>
    public ImmutableArray<string> Features { get; init; } = [];

    /// <summary>True when a target has <paramref name="arch"/> and a machine glob matching <paramref name="machine"/>.</summary>
    public bool Matches(string? machine, string arch)
    {
        if (machine is null)
        {
            return false;
        }

        foreach (var target in Targets)
        {
            if (target.Architecture != arch)
            {
                continue;
            }

            foreach (var pattern in target.Machines)
            {
                if (GlobMatch(pattern, machine))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Shell-style match with <c>*</c> (any run) and <c>?</c> (any one character), as GLib's simple patterns.</summary>
    public static bool GlobMatch(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        int p = 0, t = 0, starP = -1, starT = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                starP = p++;
                starT = t;
            }
            else if (starP >= 0)
            {
                p = starP + 1;
                t = ++starT;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
