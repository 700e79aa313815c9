using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>The <c>&lt;memballoon&gt;</c> device.</summary>
public sealed record MemballoonDevice : DomainDevice
{
    /// <summary>virtio, virtio-transitional, virtio-non-transitional, xen, none.</summary>
    public required string Model { get; init; }

    public string? AutoDeflate { get; init; }

    public string? FreePageReporting { get; init; }

    public int? StatsPeriod { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "memballoon";
}
