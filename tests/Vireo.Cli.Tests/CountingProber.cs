using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Probing;

namespace Vireo.Cli.Tests;

/// <summary>A stand-in prober: answers with the embedded x86_64 snapshot (emulator set to the binary) and counts its calls.</summary>
internal sealed class CountingProber
{
    private int _calls;

    public int Calls => _calls;

    /// <summary>When set, every probe fails with this message.</summary>
    public string? Failure { get; set; }

    public CliServices Services(string cacheDirectory) => new() { ProbeCacheDirectory = cacheDirectory, Probe = ProbeAsync };

    private Task<QemuCapabilities> ProbeAsync(string binary, ProbeOptions options, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Failure is { } failure)
        {
            throw new ProbeException(failure);
        }

        return Task.FromResult(EmbeddedSnapshots.For("x86_64")! with { Emulator = binary });
    }
}
