using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Qemu.Configuration;
using Vireo.Runtime.Control;

namespace Vireo.Runtime.Hotplug;

/// <summary>How to hot-plug: the same host and policy the guest was started with.</summary>
public sealed record HotplugOptions
{
    /// <summary>The host, with the capabilities of the guest's QEMU binary.</summary>
    public required HostInfo Host { get; init; }

    /// <summary>Host policy (as at start).</summary>
    public DriverConfig Config { get; init; } = new();

    /// <summary>Firmware descriptor directories (as at start); null = QEMU's standard ones.</summary>
    public ImmutableArray<string>? FirmwareDirectories { get; init; }

    /// <summary>How long an unplug may wait for the guest to release the device.</summary>
    public TimeSpan DetachTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Lock and monitor time limits.</summary>
    public SessionOptions Session { get; init; } = new();
}
