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
        _ = def;
        _ = platform;
        _ = config;
    }

    /// <summary>Rules on the filled-in definition.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext platform, DriverConfig config)
    {
        _ = def;
        _ = platform;
        _ = config;
    }
}
