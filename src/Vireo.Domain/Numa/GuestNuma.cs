using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;

namespace Vireo.Domain.Numa;

/// <summary>One guest NUMA cell, as read from the canonical <c>&lt;cell&gt;</c>.</summary>
public sealed record GuestNumaCell
{
    public int Id { get; init; }

    /// <summary>vCPUs of the cell; null when the cell has none (memory-only node).</summary>
    public ImmutableSortedSet<int>? Cpus { get; init; }

    public ulong MemoryKiB { get; init; }

    /// <summary>shared or private (null = default).</summary>
    public string? MemAccess { get; init; }

    /// <summary>yes or no (null = default).</summary>
    public string? Discard { get; init; }

    /// <summary>Distances to other cells by cell id (0 = not given).</summary>
    public ImmutableArray<int> Distances { get; init; } = [];

    /// <summary>The &lt;cache&gt; children.</summary>
    public ImmutableArray<XElement> Caches { get; init; } = [];
}

/// <summary>Typed view of the guest NUMA topology (<c>&lt;cpu&gt;&lt;numa&gt;</c>, canonical form).</summary>
public sealed record GuestNuma
{
    public static GuestNuma None { get; } = new();

    public ImmutableArray<GuestNumaCell> Cells { get; init; } = [];

    /// <summary>The &lt;latency&gt;/&lt;bandwidth&gt; entries of &lt;interconnects&gt;.</summary>
    public ImmutableArray<XElement> Interconnects { get; init; } = [];

    /// <summary>Total memory of all cells, KiB.</summary>
    public ulong TotalMemoryKiB => Cells.Aggregate(0UL, (s, c) => s + c.MemoryKiB);

    /// <summary>Whether heterogeneous memory attributes (caches or interconnects) are described.</summary>
    public bool HasHmat => !Interconnects.IsDefaultOrEmpty || Cells.Any(c => !c.Caches.IsDefaultOrEmpty);

    /// <summary>Reads the canonical &lt;numa&gt; element (null = no NUMA).</summary>
    public static GuestNuma Read(XElement? numa)
    {
        if (numa is null)
        {
            return None;
        }

        var cells = ImmutableArray.CreateBuilder<GuestNumaCell>();
        foreach (var c in numa.Elements("cell"))
        {
            var n = numa.Elements("cell").Count();
            var dist = new int[n];
            foreach (var s in c.Element("distances")?.Elements("sibling") ?? [])
            {
                if (int.TryParse((string?)s.Attribute("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id < n)
                {
                    dist[id] = int.TryParse((string?)s.Attribute("value"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
                }
            }

            cells.Add(new GuestNumaCell
            {
                Id = int.TryParse((string?)c.Attribute("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var cid) ? cid : cells.Count,
                Cpus = (string?)c.Attribute("cpus") is { } cpus ? NodeSet.TryParse(cpus) : null,
                MemoryKiB = ulong.TryParse((string?)c.Attribute("memory"), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : 0,
                MemAccess = (string?)c.Attribute("memAccess"),
                Discard = (string?)c.Attribute("discard"),
                Distances = [.. dist],
                Caches = [.. c.Elements("cache")],
            });
        }

        return new GuestNuma
        {
            Cells = cells.ToImmutable(),
            Interconnects = [.. numa.Element("interconnects")?.Elements() ?? []],
        };
    }
}
