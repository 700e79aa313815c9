using Vireo.Domain;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>
/// Configuration rules checked during post-parse (libvirt's "parse error" phase).
/// <see cref="BeforeDefaults"/> sees the definition as written (after platform resolution);
/// <see cref="AfterDefaults"/> sees it with defaults and implicit devices, before addresses.
/// Each rule throws a <see cref="Domain.Errors.DomainConfigException"/> or
/// <see cref="Domain.Errors.DomainXmlException"/> that says what to change.
/// </summary>
public static class DomainRules
{
    /// <summary>Rules on the definition as the user wrote it.</summary>
    public static void BeforeDefaults(DomainDefinition def, PlatformContext platform, DriverConfig config)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(platform);
        _ = config;

        MemoryRules.BeforeDefaults(def);
        FirmwareRules.BeforeDefaults(def);
        SysinfoRules.BeforeDefaults(def);
        FeatureRules.BeforeDefaults(def);
        CpuRules.BeforeDefaults(def, platform);
        ControllerRules.BeforeDefaults(def, platform);
        UsbAddressRules.BeforeDefaults(def);
        PciAddressRules.BeforeDefaults(def);
        DiskRules.BeforeDefaults(def);
        ChardevRules.BeforeDefaults(def);
        HostdevRules.BeforeDefaults(def);
        TpmRules.BeforeDefaults(def);
        IommuRules.BeforeDefaults(def);
        DeviceRules.BeforeDefaults(def);
    }

    /// <summary>Rules on the filled-in definition.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext platform, DriverConfig config)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(config);

        // libvirt assigns (and so checks) device addresses before it validates.
        UsbAddressRules.AfterDefaults(def);
        PciAddressRules.AfterDefaults(def, platform);
        HostdevRules.CheckScsiAddresses(def);
        PciAddressRules.CheckZpci(def, platform);

        // Domain-wide rules, then device rules in the order libvirt visits devices.
        AliasRules.Validate(def);
        FirmwareRules.AfterDefaults(def, platform);
        GuestRules.AfterDefaults(def, platform);
        CpuRules.AfterDefaults(def, platform);
        FeatureRules.AfterDefaults(def, platform);
        MemoryRules.AfterDefaults(def, platform);
        SysinfoRules.AfterDefaults(def);
        TpmRules.AfterDefaults(def, platform, config);
        DiskRules.AfterDefaults(def, platform);
        FilesystemRules.AfterDefaults(def, platform);
        HostdevRules.AfterDefaults(def, platform);
        ControllerRules.AfterDefaults(def, platform);
        NetRules.AfterDefaults(def);
        ChardevRules.AfterDefaults(def, platform);
        DeviceModelRules.AfterDefaults(def, platform);
        IommuRules.AfterDefaults(def, platform);
        DeviceRules.AfterDefaults(def, platform);
    }
}
