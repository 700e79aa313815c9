using Vireo.Capabilities;
using Vireo.Probing;

namespace Vireo.Cli;

/// <summary>What the commands use from outside the process: the probe cache's directory and the prober (tests replace both).</summary>
internal sealed record CliServices
{
    /// <summary>Where probed capabilities are cached; null = no cache.</summary>
    public string? ProbeCacheDirectory { get; init; }

    /// <summary>Probes a QEMU binary (a full path).</summary>
    public Func<string, ProbeOptions, CancellationToken, Task<QemuCapabilities>> Probe { get; init; } = ProbeWithQmp;

    /// <summary>The real services: the user's cache directory and <see cref="QemuProber"/>.</summary>
    public static CliServices FromEnvironment() => new() { ProbeCacheDirectory = ProbeCache.DefaultDirectory() };

    private static async Task<QemuCapabilities> ProbeWithQmp(string binary, ProbeOptions options, CancellationToken cancellationToken) =>
        (await QemuProber.ProbeAsync(binary, options, cancellationToken).ConfigureAwait(false)).Capabilities;
}
