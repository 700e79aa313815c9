using Vireo.Domain;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>
/// Rules checked when the command line is built (libvirt's "failure" phase): things that
/// depend on the host at start time (hugetlbfs mounts, TPM support, ...).
/// </summary>
public static class LaunchRules
{
    /// <summary>Throws a <see cref="Domain.Errors.DomainConfigException"/> when the domain cannot be started as configured.</summary>
    public static void Check(DomainDefinition def, PlatformContext platform, DriverConfig config, LaunchContext context)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(config);
        _ = context;

        CpuRules.AtLaunch(def, platform);
        UsbAddressRules.AtLaunch(def);
        MemoryRules.AtLaunch(def, config);
        DeviceRules.AtLaunch(def, platform);
        ControllerRules.AtLaunch(def, platform);
        DiskRules.AtLaunch(def, platform);
    }
}
