using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace Vireo.Runtime.Hotplug;

/// <summary>
/// Everything QEMU needs to add one device at run time, taken from the command line the
/// engine builds for it: its backends in creation order (objects, block nodes from the
/// bottom up, network backends), then the device itself.
/// </summary>
public sealed record DevicePlug
{
    /// <summary>The device's QEMU id (its alias).</summary>
    public required string Alias { get; init; }

    /// <summary>The <c>device_add</c> arguments (the <c>-device</c> JSON).</summary>
    public required JsonObject Device { get; init; }

    /// <summary>QOM objects the device's backends use, in command-line order (<c>object-add</c>).</summary>
    public ImmutableArray<JsonObject> Objects { get; init; } = [];

    /// <summary>Block nodes, in command-line order: each before the nodes that use it (<c>blockdev-add</c>).</summary>
    public ImmutableArray<JsonObject> BlockNodes { get; init; } = [];

    /// <summary>Network backends (<c>netdev_add</c>).</summary>
    public ImmutableArray<JsonObject> Netdevs { get; init; } = [];

    /// <summary>Character device backends (not hot-pluggable by Vireo; listed so a device needing one can be refused).</summary>
    public ImmutableArray<string> Chardevs { get; init; } = [];
}
