using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>An <c>&lt;audio&gt;</c> backend (none, alsa, pulseaudio, spice, sdl, dbus, file...).</summary>
public sealed record AudioDevice : DomainDevice
{
    public int Id { get; init; }

    public required string Type { get; init; }

    /// <summary>Other attributes (timerPeriod, server...), in document order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Attributes { get; init; } = [];

    /// <summary>Children (input, output), verbatim.</summary>
    public ImmutableArray<XElement> Children { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "audio";
}
