using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;

namespace Vireo.Benchmarks;

/// <summary>
/// The host <c>vireo xml2argv</c> builds for when no <c>--caps</c>/<c>--emulator</c> is given:
/// x86_64 Linux with the embedded QEMU 7.2 snapshot of the domain's arch registered under the
/// arch's default emulator (the same set-up as the CLI's <c>CapsHost</c>).
/// </summary>
public static class BenchHost
{
    /// <summary>The host for a guest arch, its embedded capabilities attached.</summary>
    public static HostInfo For(string arch)
    {
        var caps = EmbeddedSnapshots.For(arch)
            ?? throw new InvalidOperationException($"no embedded capabilities for arch '{arch}'");
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
        var byEmulator = host.CapabilitiesByEmulator;
        if (caps.Emulator.Length > 0)
        {
            byEmulator = byEmulator.SetItem(caps.Emulator, caps);
        }

        if (host.FindGuest(caps.Arch) is { } guest)
        {
            byEmulator = byEmulator.SetItem(guest.Emulator, caps);
        }

        return host with { CapabilitiesByEmulator = byEmulator };
    }
}
