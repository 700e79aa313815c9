using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Qemu.Configuration;

namespace Vireo.Runtime.Launch;

/// <summary>How to start a guest.</summary>
public sealed record StartOptions
{
    /// <summary>The host, with the capabilities of the QEMU binary that will run the guest.</summary>
    public required HostInfo Host { get; init; }

    /// <summary>Host policy; its directories (lib, channel, NVRAM) are replaced by the state directory's.</summary>
    public DriverConfig Config { get; init; } = new();

    /// <summary>Leave the guest paused once QEMU is up (default: run it).</summary>
    public bool Paused { get; init; }

    /// <summary>Firmware descriptor directories, lowest priority first; null = QEMU's standard ones.</summary>
    public ImmutableArray<string>? FirmwareDirectories { get; init; }

    /// <summary>How long QEMU may take to open its monitor and greet.</summary>
    public TimeSpan MonitorTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for another vireo command working on the same domain.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Environment QEMU may inherit (PATH, HOME, USER, LOGNAME, TMPDIR are taken); null = this process's.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
