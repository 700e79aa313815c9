using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Domain.Os;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Firmware;

/// <summary>
/// Firmware auto-selection at start (libvirt 9.0 qemu_firmware.c qemuFirmwareFillDomain):
/// for <c>&lt;os firmware='bios|efi'&gt;</c> the first descriptor (in file-name order) whose
/// interface, arch/machine, features and mapping fit the domain is chosen, and the domain
/// gets its loader, NVRAM template and path, and the SMM/secure-boot settings it requires.
/// </summary>
internal static class FirmwareAutoSelection
{
    /// <summary>The domain with its firmware filled in; unchanged when it does not ask for auto-selection.</summary>
    public static DomainDefinition Apply(DomainDefinition def, PlatformContext p, DriverConfig cfg)
    {
        if (def.Os.Firmware is not { } wanted)
        {
            return def;
        }

        foreach (var fw in cfg.FirmwareDescriptors)
        {
            if (Matches(def, p, fw, wanted))
            {
                return Fill(def, fw, cfg);
            }
        }

        throw new DomainConfigException(ErrorKind.OperationFailed, $"Unable to find any firmware to satisfy '{wanted}'");
    }

    private static bool Matches(DomainDefinition def, PlatformContext p, FirmwareDescriptor fw, string wanted)
    {
        if (!fw.InterfaceTypes.Contains(wanted == "efi" ? "uefi" : wanted) || !fw.Matches(p.Machine, p.Arch))
        {
            return false;
        }

        bool Has(string feature) => fw.Features.Contains(feature);
        if (PmEnabled(def, "suspend-to-mem") && !Has("acpi-s3"))
        {
            return false;
        }

        if (PmEnabled(def, "suspend-to-disk") && !Has("acpi-s4"))
        {
            return false;
        }

        foreach (var (name, feature) in new[] { ("secure-boot", "secure-boot"), ("enrolled-keys", "enrolled-keys") })
        {
            var requested = (string?)def.Os.FirmwareFeatures?.Elements("feature").LastOrDefault(f => (string?)f.Attribute("name") == name)?.Attribute("enabled");
            if ((requested == "yes" && !Has(feature)) || (requested == "no" && Has(feature)))
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
            // A flash image without a variable-store template runs stateless.
            var stateless = fw.NvramTemplate is null;
            if ((loader?.Stateless == "yes") != stateless)
            {
                return false;
            }

            if (loader?.Type == "rom")
            {
                return false;
            }
        }
        else if (loader?.Type == "pflash")
        {
            return false;
        }

        if ((string?)def.Extra("launchSecurity")?.Attribute("type") == "sev" && !Has("amd-sev"))
        {
            return false;
        }

        return true;
    }

    private static bool PmEnabled(DomainDefinition def, string element) =>
        (string?)def.Pm?.Element(element)?.Attribute("enabled") == "yes";

    private static DomainDefinition Fill(DomainDefinition def, FirmwareDescriptor fw, DriverConfig cfg)
    {
        var loader = def.Os.Loader ?? new LoaderConfig();
        var nvram = def.Os.Nvram;
        if (fw.Device == "flash")
        {
            loader = loader with { Type = "pflash", Path = fw.Executable, ReadOnly = "yes" };
            if (fw.NvramTemplate is not null)
            {
                nvram = (nvram ?? new NvramConfig()) with { Template = fw.NvramTemplate };
                if (nvram.Path is null && nvram.Source is null)
                {
                    nvram = nvram with { Path = cfg.NvramDir + "/" + def.Name + "_VARS.fd" };
                }
            }
        }
        else
        {
            loader = loader with { Type = "rom", Path = fw.Executable };
        }

        var features = def.Features;
        if (fw.Features.Contains("requires-smm"))
        {
            var smm = def.Feature("smm");
            if ((string?)smm?.Attribute("state") == "off")
            {
                throw DomainConfigException.Unsupported("domain has SMM turned off but chosen firmware requires it");
            }

            if (smm is null)
            {
                features = features.Add(new System.Xml.Linq.XElement("smm", new System.Xml.Linq.XAttribute("state", "on")));
            }

            loader = loader with { Secure = "yes" };
        }

        return def with { Os = def.Os with { Loader = loader, Nvram = nvram }, Features = features, HasFeaturesElement = true };
    }
}
