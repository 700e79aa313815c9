using System.Collections.Immutable;
using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>How a replayed probe compares with the capabilities libvirt recorded from the same conversation.</summary>
internal sealed record ReplayComparison
{
    public required string Name { get; init; }

    public required QemuCapabilities Recorded { get; init; }

    public required QemuCapabilities Derived { get; init; }

    public required IReadOnlyDictionary<string, int> Unmatched { get; init; }

    public ImmutableSortedSet<string> MissingFlags => Recorded.Flags.Except(Derived.Flags).ToImmutableSortedSet(StringComparer.Ordinal);

    public ImmutableSortedSet<string> ExtraFlags => Derived.Flags.Except(Recorded.Flags).ToImmutableSortedSet(StringComparer.Ordinal);

    public int FlagsMatched => Recorded.Flags.Count - MissingFlags.Count;

    public double FlagRate => Recorded.Flags.Count == 0 ? 1 : (double)FlagsMatched / Recorded.Flags.Count;

    public int MachinesMatched => Recorded.Machines.Count(m => Derived.Machines.Contains(m));

    public bool MachinesIdentical => Recorded.Machines.SequenceEqual(Derived.Machines);

    /// <summary>
    /// Whether the whole snapshot written in libvirt's cache format equals the recorded one
    /// (flags, versions, CPU models, host-model CPU, machines, GIC), apart from the recording
    /// host's microcode version, which QMP does not carry.
    /// </summary>
    public bool XmlIdentical =>
        LibvirtCapsXml.Format(Recorded with { MicrocodeVersion = 0, KvmVersion = 0 }) == LibvirtCapsXml.Format(Derived);

    public static async Task<ReplayComparison> RunAsync(string capsDir, string name, CancellationToken cancellationToken)
    {
        var recorded = LibvirtCapsXml.Load(Path.Combine(capsDir, name + ".xml"));
        await using var server = ReplayQmpServer.Start(Path.Combine(capsDir, name + ".replies"));
        var options = new ProbeOptions { EmulatorPath = recorded.Emulator, Timeout = TimeSpan.FromSeconds(60) };
        var result = await QemuProber.ProbeSocketsAsync(
            server.SocketPaths[0],
            server.SocketPaths.Count > 1 ? server.SocketPaths[1] : null,
            options,
            cancellationToken);
        return new ReplayComparison
        {
            Name = name,
            Recorded = recorded,
            Derived = result.Capabilities,
            Unmatched = new Dictionary<string, int>(server.Unmatched, StringComparer.Ordinal),
        };
    }
}
