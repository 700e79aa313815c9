using System.Collections.Immutable;

namespace Vireo.Runtime.State;

/// <summary>
/// The QEMU objects a guest device uses besides its <c>-device</c>: what must be deleted
/// after the device is unplugged, in this order.
/// </summary>
public sealed record DeviceBackends
{
    /// <summary>Block node names, top (format) node first.</summary>
    public ImmutableArray<string> BlockNodes { get; init; } = [];

    /// <summary>Network backend ids.</summary>
    public ImmutableArray<string> Netdevs { get; init; } = [];

    /// <summary>Character device ids.</summary>
    public ImmutableArray<string> Chardevs { get; init; } = [];

    /// <summary>QOM object ids (secrets, iothreads...).</summary>
    public ImmutableArray<string> Objects { get; init; } = [];
}
