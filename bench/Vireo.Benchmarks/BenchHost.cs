using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;

namespace Vireo.Benchmarks;

/// <summary>
/// The host <c>vireo xml2argv</c> builds for when no <c>--caps</c>/<c>--emulator</c> is given:
/// <see cref="HostInfoFactory.SingleBinaryHost"/> with the embedded QEMU 7.2 snapshot of the
/// domain's arch (the same set-up as the CLI's <c>CapsHost</c>).
/// </summary>
public static class BenchHost
{
    /// <summary>The host for a guest arch, its embedded capabilities attached.</summary>
    public static HostInfo For(string arch) => HostInfoFactory.SingleBinaryHost(
        EmbeddedSnapshots.For(arch) ?? throw new InvalidOperationException($"no embedded capabilities for arch '{arch}'"));
}
