using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Cpu;

/// <summary>The <c>&lt;cpu&gt;</c> element.</summary>
public sealed record CpuConfig
{
    /// <summary>custom, host-model, host-passthrough, maximum (null = not given).</summary>
    public string? Mode { get; init; }

    public string? Match { get; init; }

    public string? Check { get; init; }

    public string? Migratable { get; init; }

    public string? Model { get; init; }

    public string? ModelFallback { get; init; }

    public string? ModelVendorId { get; init; }

    public string? Vendor { get; init; }

    public CpuTopology? Topology { get; init; }

    public ImmutableArray<CpuFeature> Features { get; init; } = [];

    /// <summary>The &lt;numa&gt; child, verbatim.</summary>
    public XElement? Numa { get; init; }

    /// <summary>Children not modelled (cache, maxphysaddr...), verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];
}
