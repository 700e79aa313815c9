using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu;

/// <summary>
/// The engine's front door: post-parse (defaults, addresses, validation) and
/// command-line building. Pure functions of their inputs.
/// </summary>
public static class QemuEngine
{
    /// <summary>
    /// Fills defaults, assigns addresses and validates, for the domain's arch, machine and
    /// the capabilities of its emulator. Throws a <see cref="Domain.Errors.VireoException"/>
    /// (libvirt's "parse error" phase) when the definition is refused.
    /// </summary>
    public static DomainDefinition PostParse(DomainDefinition def, HostInfo host, DriverConfig config, bool inactive = true) =>
        DomainPreparer.Prepare(def, host, config, inactive);

    /// <summary>
    /// Builds the QEMU command line for a post-parsed definition. Throws a
    /// <see cref="Domain.Errors.VireoException"/> (libvirt's "failure" phase) when it cannot.
    /// </summary>
    public static QemuCommandLine BuildCommandLine(DomainDefinition def, HostInfo host, DriverConfig config, LaunchContext context)
    {
        var platform = DomainPreparer.PlatformOf(def, host);
        return new CommandLineBuilder(def, platform, config, context).Build();
    }
}
