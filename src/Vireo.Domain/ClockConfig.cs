using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain;

/// <summary>The <c>&lt;clock&gt;</c> element.</summary>
public sealed record ClockConfig
{
    /// <summary>utc, localtime, timezone, variable, absolute (null = element absent).</summary>
    public string? Offset { get; init; }

    public string? Timezone { get; init; }

    public string? Adjustment { get; init; }

    public string? Basis { get; init; }

    public string? Start { get; init; }

    /// <summary>The <c>&lt;timer&gt;</c> children, verbatim.</summary>
    public ImmutableArray<XElement> Timers { get; init; } = [];
}
