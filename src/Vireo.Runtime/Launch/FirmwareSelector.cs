using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Os;
using Vireo.Qemu.Firmware;

namespace Vireo.Runtime.Launch;

/// <summary>
/// Picks the firmware of a prepared domain from QEMU's firmware descriptors before its
/// command line is built, as libvirt does at start: for <c>&lt;os firmware='efi|bios'&gt;</c>
/// the first descriptor (in file-name order) whose interface, arch and machine, requested
/// features and mapping fit; for an explicit flash loader, the descriptor that names it
/// supplies the NVRAM template. The engine is then given only the chosen descriptor, so it
/// cannot pick another.
/// </summary>
public static class FirmwareSelector
{
    /// <summary>Fills <c>os/loader</c> and <c>os/nvram</c>.</summary>
    /// <param name="def">A post-parsed definition (canonical machine type).</param>
    /// <param name="descriptors">Descriptors in selection order.</param>
    /// <param name="nvramDirectory">Where a variable store without an explicit path goes (<c>NAME_VARS.fd</c>).</param>
    /// <param name="searched">The descriptor directories, for the error message.</param>
    /// <exception cref="RuntimeException">No descriptor fits <c>&lt;os firmware&gt;</c>.</exception>
    public static FirmwareChoice Apply(DomainDefinition def, IReadOnlyList<FirmwareDescriptor> descriptors, string nvramDirectory, IReadOnlyList<string> searched)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(descriptors);
        var loader = def.Os.Loader;
        var defaultNvram = Path.Combine(nvramDirectory, def.Name + "_VARS.fd");

        if (def.Os.Firmware is not { } wanted)
        {
            if (loader is not { Type: "pflash", Path: { } code })
            {
                return new FirmwareChoice(def, null, null, null);
            }

            var named = descriptors.FirstOrDefault(d => d.Device == "flash" && d.Executable == code);
            if (loader.Stateless == "yes" || (def.Os.Nvram?.Path is null && loader.ReadOnly != "yes"))
            {
                return new FirmwareChoice(def, named, null, null);
            }

            var path = def.Os.Nvram?.Path ?? defaultNvram;
            var template = def.Os.Nvram?.Template ?? named?.NvramTemplate;
            var nvram = (def.Os.Nvram ?? new NvramConfig()) with { Path = path, Template = template };
            return new FirmwareChoice(def with { Os = def.Os with { Nvram = nvram } }, named, path, template);
        }

        var arch = def.Os.Arch ?? "";
        var machine = def.Os.Machine ?? "";
        var fits = descriptors.Where(d => Fits(def, d, wanted, arch, machine)).ToList();
        var chosen = (loader?.Path is { } given ? fits.FirstOrDefault(d => d.Executable == given) : null) ?? fits.FirstOrDefault();
        if (chosen is null)
        {
            var where = searched.Count == 0 ? "no descriptor directory" : string.Join(", ", searched);
            var package = arch switch
            {
                "x86_64" or "i686" => wanted == "efi" ? " (install the 'ovmf' package)" : "",
                "aarch64" => wanted == "efi" ? " (install the 'qemu-efi-aarch64' package)" : "",
                _ => "",
            };
            throw new RuntimeException(
                $"no firmware for <os firmware='{wanted}'> on {arch} '{machine}': none of the {descriptors.Count} firmware descriptor(s) in {where} fits{package}; or name the firmware with <loader>");
        }

        if (chosen.Device == "flash")
        {
            var filled = (loader ?? new LoaderConfig()) with { Type = "pflash", Path = chosen.Executable, ReadOnly = "yes" };
            if (chosen.NvramTemplate is null)
            {
                return new FirmwareChoice(def with { Os = def.Os with { Loader = filled } }, chosen, null, null);
            }

            var path = def.Os.Nvram?.Path ?? defaultNvram;
            var nvram = (def.Os.Nvram ?? new NvramConfig()) with { Path = path, Template = chosen.NvramTemplate };
            return new FirmwareChoice(def with { Os = def.Os with { Loader = filled, Nvram = nvram } }, chosen, path, chosen.NvramTemplate);
        }

        var rom = (loader ?? new LoaderConfig()) with { Type = "rom", Path = chosen.Executable };
        return new FirmwareChoice(def with { Os = def.Os with { Loader = rom } }, chosen, null, null);
    }

    /// <summary>The standard descriptor directories for this host (user's own last when not root).</summary>
    public static ImmutableArray<string> StandardDirectories()
    {
        var userConfig = Environment.IsPrivilegedProcess ? null : Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? Path.Combine(home, ".config") : null;
        return FirmwareDescriptorReader.StandardDirectories("/", userConfig);
    }

    // The same tests, in the same order, as the engine's auto-selection (libvirt 9.0 qemuFirmwareMatchDomain).
    private static bool Fits(DomainDefinition def, FirmwareDescriptor fw, string wanted, string arch, string machine)
    {
        if (!fw.InterfaceTypes.Contains(wanted == "efi" ? "uefi" : wanted) || !fw.Matches(machine, arch) || fw.Executable is null)
        {
            return false;
        }

        bool Has(string feature) => fw.Features.Contains(feature);
        if ((PmEnabled(def, "suspend-to-mem") && !Has("acpi-s3")) || (PmEnabled(def, "suspend-to-disk") && !Has("acpi-s4")))
        {
            return false;
        }

        foreach (var name in new[] { "secure-boot", "enrolled-keys" })
        {
            var requested = (string?)def.Os.FirmwareFeatures?.Elements("feature").LastOrDefault(f => (string?)f.Attribute("name") == name)?.Attribute("enabled");
            if ((requested == "yes" && !Has(name)) || (requested == "no" && Has(name)))
            {
                return false;
            }
        }

        var loader = def.Os.Loader;
        if (loader?.Secure == "yes" && !Has("requires-smm"))
        {
            return false;
        }

        if (fw.Device == "flash")
        {
            if ((loader?.Stateless == "yes") != (fw.NvramTemplate is null) || loader?.Type == "rom")
            {
                return false;
            }
        }
        else if (loader?.Type == "pflash")
        {
            return false;
        }

        return (string?)def.Extra("launchSecurity")?.Attribute("type") != "sev" || Has("amd-sev");
    }

    private static bool PmEnabled(DomainDefinition def, string element) =>
        (string?)def.Pm?.Element(element)?.Attribute("enabled") == "yes";
}
