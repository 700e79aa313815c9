using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;sound&gt;</c> device.</summary>
public sealed record SoundDevice : DomainDevice
{
    public required string Model { get; init; }

    /// <summary>&lt;codec type='...'/&gt; values, in order.</summary>
    public ImmutableArray<string> Codecs { get; init; } = [];

    public int? AudioId { get; init; }

    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "sound";
}
