using Vireo.Domain;
using Vireo.Domain.Os;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Firmware, loader/NVRAM, boot order, ACPI/UEFI, power management and lifecycle rules.</summary>
internal static class FirmwareRules
{
    /// <summary>Rules on the &lt;os&gt; element as written.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        CheckBootMenu(def.Os);
        CheckBootOrders(def);
        CheckFirmware(def.Os);
    }

    /// <summary>Rules needing the machine and capabilities.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        var acpi = def.Feature("acpi") is not null;
        var efi = def.Os.Firmware == "efi" || IsOldStyleUefi(def.Os);
        if (efi && p.IsX86 && !acpi)
        {
            throw Unsupported("UEFI requires ACPI on this architecture");
        }

        if (acpi && p.Arch == "aarch64" && !efi)
        {
            throw Unsupported("ACPI requires UEFI on this architecture");
        }

        CheckLifecycle(def);
        CheckPowerManagement(def, p);
        CheckSecureBoot(def, p);
    }

    private static bool IsOldStyleUefi(OsConfig os) => os.Loader?.Type == "pflash";

    private static void CheckBootMenu(OsConfig os)
    {
        if (os.BootMenuEnable != "yes" || os.BootMenuTimeout is not { } timeout)
        {
            return;
        }

        if (!TryUnsigned(timeout, out var value) || value > 65535)
        {
            throw Unsupported("invalid value for boot menu timeout, must be in range [0,65535]");
        }
    }

    private static void CheckBootOrders(DomainDefinition def)
    {
        var seen = new HashSet<int>();
        foreach (var dev in def.Devices)
        {
            if (dev.Info.BootOrder is not { } order)
            {
                continue;
            }

            if (!seen.Add(order))
            {
                throw Xml($"boot order '{N(order)}' used for more than one device");
            }
        }

        if (seen.Count > 0 && !def.Os.BootDevices.IsDefaultOrEmpty)
        {
            throw Unsupported("per-device boot elements cannot be used together with os/boot elements");
        }
    }

    private static void CheckFirmware(OsConfig os)
    {
        var loader = os.Loader;
        var nvram = os.Nvram;
        var hasNvramImage = nvram is not null && (nvram.Path is not null || nvram.Source is not null);
        var features = os.FirmwareFeatures;

        if (os.Firmware is { } firmware)
        {
            if (features is not null && FirmwareFeature(features, "enrolled-keys") == "yes" && FirmwareFeature(features, "secure-boot") == "no")
            {
                throw Xml("firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled");
            }

            if (loader is null && nvram is null)
            {
                return;
            }

            if (hasNvramImage && firmware != "efi")
            {
                throw Xml($"firmware type '{firmware}' does not support nvram");
            }

            if (loader?.Secure == "no")
            {
                throw Xml("loader attribute 'secure' cannot be specified when firmware autoselection is enabled");
            }
        }
        else
        {
            if (features is not null)
            {
                throw Xml("cannot use feature-based firmware autoselection when firmware autoselection is disabled");
            }

            if (loader is null && nvram is null)
            {
                return;
            }

            if (loader?.Path is null)
            {
                throw Xml("no loader path specified and firmware auto selection disabled");
            }
        }

        var stateless = loader?.Stateless;
        if (stateless == "yes")
        {
            if (nvram?.Template is not null)
            {
                throw Xml("NVRAM template is not permitted when loader is stateless");
            }

            if (hasNvramImage)
            {
                throw Xml("NVRAM is not permitted when loader is stateless");
            }
        }
        else if (stateless == "no")
        {
            if (os.Firmware is null)
            {
                if (loader?.Type != "pflash")
                {
                    throw Xml("Only pflash loader type permits NVRAM");
                }
            }
            else if (os.Firmware != "efi")
            {
                throw Xml("Only EFI firmware permits NVRAM");
            }
        }
    }

    private static string? FirmwareFeature(System.Xml.Linq.XElement features, string name)
    {
        foreach (var f in features.Elements("feature"))
        {
            if (Attr(f, "name") == name)
            {
                return Attr(f, "enabled");
            }
        }

        return null;
    }

    private static void CheckLifecycle(DomainDefinition def)
    {
        if (def.OnPoweroff == "rename-restart" || def.OnReboot == "rename-restart" || def.OnCrash == "rename-restart")
        {
            throw Unsupported("qemu driver doesn't support the 'rename-restart' action for 'on_reboot'/'on_poweroff'/'on_crash'");
        }

        if (def.OnPoweroff == "preserve" || def.OnReboot == "preserve")
        {
            throw Unsupported("qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'");
        }

        if (def.OnPoweroff == "restart" && def.OnReboot == "destroy")
        {
            throw Unsupported("qemu driver doesn't support 'onReboot' set to 'destroy and 'onPoweroff' set to 'reboot'");
        }
    }

    private static void CheckPowerManagement(DomainDefinition def, PlatformContext p)
    {
        var s3 = def.Pm?.Element("suspend-to-mem") is not null;
        var s4 = def.Pm?.Element("suspend-to-disk") is not null;
        if (!s3 && !s4)
        {
            return;
        }

        if (!p.IsX86)
        {
            throw Unsupported("setting ACPI S3/S4 not supported");
        }

        if (!KnowsCaps(p))
        {
            return;
        }

        if (s3 && !(p.IsQ35 && p.Has("ich9-disable-s3")) && !p.Has("disable-s3"))
        {
            throw Unsupported("setting ACPI S3 not supported");
        }

        if (s4 && !(p.IsQ35 && p.Has("ich9-disable-s4")) && !p.Has("disable-s4"))
        {
            throw Unsupported("setting ACPI S4 not supported");
        }
    }

    private static void CheckSecureBoot(DomainDefinition def, PlatformContext p)
    {
        if (def.Os.Loader?.Secure != "yes")
        {
            return;
        }

        if (!p.IsQ35)
        {
            throw Unsupported("Secure boot is supported with q35 machine types only");
        }

        if (p.Arch != "x86_64")
        {
            throw Unsupported("Secure boot is supported for x86_64 architecture only");
        }

        if (def.Os.Firmware is null && !FeatureOn(def, "smm"))
        {
            throw Unsupported("Secure boot requires SMM feature enabled");
        }
    }
}
