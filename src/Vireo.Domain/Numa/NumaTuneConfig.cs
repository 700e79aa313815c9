using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;

namespace Vireo.Domain.Numa;

/// <summary>Host NUMA policy of one guest NUMA cell (<c>&lt;memnode&gt;</c>).</summary>
public sealed record NumaTuneNode(int CellId, string Mode, ImmutableSortedSet<int> Nodes);

/// <summary>Typed view of the canonical <c>&lt;numatune&gt;</c>.</summary>
public sealed record NumaTuneConfig
{
    public static NumaTuneConfig None { get; } = new();

    /// <summary>strict, preferred, interleave or restrictive; null when &lt;memory&gt; is absent.</summary>
    public string? Mode { get; init; }

    /// <summary>static or auto; null when &lt;memory&gt; is absent.</summary>
    public string? Placement { get; init; }

    /// <summary>Host nodes for static placement.</summary>
    public ImmutableSortedSet<int>? Nodes { get; init; }

    public ImmutableArray<NumaTuneNode> MemNodes { get; init; } = [];

    /// <summary>The per-cell policy, or null.</summary>
    public NumaTuneNode? ForCell(int cell) => MemNodes.FirstOrDefault(n => n.CellId == cell);

    /// <summary>Reads the canonical element (null = no numatune).</summary>
    public static NumaTuneConfig Read(XElement? numatune)
    {
        if (numatune is null)
        {
            return None;
        }

        var memory = numatune.Element("memory");
        return new NumaTuneConfig
        {
            Mode = (string?)memory?.Attribute("mode"),
            Placement = memory is null ? null : (string?)memory.Attribute("placement") ?? "static",
            Nodes = (string?)memory?.Attribute("nodeset") is { } ns ? NodeSet.TryParse(ns) : null,
            MemNodes =
            [
                .. numatune.Elements("memnode").Select(m => new NumaTuneNode(
                    int.Parse((string?)m.Attribute("cellid") ?? "0", NumberStyles.None, CultureInfo.InvariantCulture),
                    (string?)m.Attribute("mode") ?? "strict",
                    NodeSet.TryParse((string?)m.Attribute("nodeset")) ?? [])),
            ],
        };
    }
}
