using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>Hyper-V enlightenments the binary supports (<c>&lt;hypervCapabilities&gt;</c>).</summary>
public sealed record HypervCapability
{
    public bool Supported { get; init; }

    /// <summary>Enlightenment names as recorded (libvirt spelling: relaxed, vapic, vendor_id, ...).</summary>
    public ImmutableArray<string> Features { get; init; } = [];
}
