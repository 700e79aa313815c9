using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>
/// What the engine knows about the host it builds for: its arch and OS, the host
/// CPU, which emulator serves each guest arch, and the capability snapshot of each
/// emulator (a cache keyed by emulator path, like libvirt's). Immutable.
/// </summary>
public sealed record HostInfo
{
    /// <summary>Host architecture (libvirt name).</summary>
    public string Arch { get; init; } = "x86_64";

    /// <summary>Host operating system: "linux" or "macos".</summary>
    public string Os { get; init; } = "linux";

    /// <summary>The host CPU, when known (used for host-model/host-passthrough CPUs).</summary>
    public HostCpu? Cpu { get; init; }

    /// <summary>Guest architectures the host offers, each with its default emulator and domain types.</summary>
    public ImmutableArray<GuestArch> Guests { get; init; } = [];

    /// <summary>Capabilities per emulator path.</summary>
    public ImmutableDictionary<string, QemuCapabilities> CapabilitiesByEmulator { get; init; } =
        ImmutableDictionary<string, QemuCapabilities>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>Finds the guest entry for an arch, or null when the host has no emulator for it.</summary>
    public GuestArch? FindGuest(string arch)
    {
        foreach (var g in Guests)
        {
            if (g.Arch == arch)
            {
                return g;
            }
        }

        return null;
    }

    /// <summary>
    /// Capabilities of an emulator binary. An emulator the host does not know gets an empty
    /// snapshot (no flags, no machines), as libvirt's cache would for a binary it cannot probe.
    /// </summary>
    public QemuCapabilities CapabilitiesFor(string emulator) =>
        CapabilitiesByEmulator.TryGetValue(emulator, out var caps) ? caps : new QemuCapabilities { Emulator = emulator };
}
