using System.Globalization;
using System.Xml.Linq;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>
/// Guest NUMA topology (<c>&lt;cpu&gt;&lt;numa&gt;</c>): read, checked and rewritten the way
/// libvirt stores it — cells indexed by id, sizes in KiB, distances made symmetric with the
/// local distance filled in.
/// </summary>
public static partial class DomainXmlParser
{
    // Source: libvirt 9.0 src/conf/numa_conf.c — a node's distance to itself.
    private const int LocalNumaDistance = 10;

    private static readonly string[] MemoryAccessModes = ["shared", "private"];

    private static XElement ParseNuma(XElement numa)
    {
        var cellEls = numa.Elements("cell").ToList();
        var n = cellEls.Count;
        var cells = new XElement?[n];
        var cpusets = new System.Collections.Immutable.ImmutableSortedSet<int>?[n];
        var distances = new int[n][];
        var caches = new List<XElement>[n];

        for (var i = 0; i < n; i++)
        {
            var c = cellEls[i];
            int id = i;
            if (Attr(c, "id") is { } idText)
            {
                if (!int.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out id))
                {
                    throw Error(c, $"Invalid value for attribute 'id' in element 'cell': '{idText}'. Expected non-negative integer value");
                }
            }

            if (id >= n)
            {
                throw Error(c, "Exactly one 'cell' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed");
            }

            if (cells[id] is not null)
            {
                throw Error(c, $"Duplicate NUMA cell info for cell id '{id}'");
            }

            if (Attr(c, "cpus") is { } cpusText)
            {
                var set = NodeSet.TryParse(cpusText) ?? throw Error(c, $"Failed to parse bitmap '{cpusText}'");
                if (set.Count == 0)
                {
                    throw Error(c, $"NUMA cell {id} has no vCPUs assigned");
                }

                cpusets[id] = set;
                for (var j = 0; j < n; j++)
                {
                    if (j != id && cpusets[j] is { } other && other.Overlaps(set))
                    {
                        throw Error(c, $"NUMA cells {id} and {j} have overlapping vCPU ids");
                    }
                }
            }

            var memText = Attr(c, "memory") ?? throw Error(c, "missing element or attribute './@memory'");
            var kib = ScaledKiB(c, memText, Attr(c, "unit"), "KiB");
            var memAccess = Attr(c, "memAccess");
            if (memAccess is not null && Array.IndexOf(MemoryAccessModes, memAccess) < 0)
            {
                throw Error(c, $"Invalid value for attribute 'memAccess' in element 'cell': '{memAccess}'.");
            }

            var discard = Attr(c, "discard");
            if (discard is not null && discard is not ("yes" or "no"))
            {
                throw Error(c, $"Invalid value for attribute 'discard' in element 'cell': '{discard}'.");
            }

            var cell = new XElement("cell", new XAttribute("id", id));
            if (cpusets[id] is { } cpus)
            {
                cell.Add(new XAttribute("cpus", NodeSet.Format(cpus)));
            }

            cell.Add(new XAttribute("memory", kib.ToString(CultureInfo.InvariantCulture)), new XAttribute("unit", "KiB"));
            if (memAccess is not null)
            {
                cell.Add(new XAttribute("memAccess", memAccess));
            }

            if (discard is not null)
            {
                cell.Add(new XAttribute("discard", discard));
            }

            cells[id] = cell;
            caches[id] = [.. c.Elements("cache").Select(Clean)];

            foreach (var sib in c.Element("distances")?.Elements("sibling") ?? [])
            {
                var sidText = Attr(sib, "id") ?? throw Error(sib, "Missing 'id' attribute in NUMA distances under 'cell id " + id + "'");
                if (!int.TryParse(sidText, NumberStyles.None, CultureInfo.InvariantCulture, out var sid) || sid >= n)
                {
                    throw Error(sib, $"'sibling_id {sidText}' does not refer to a valid cell within NUMA 'cell id {id}'");
                }

                var valText = Attr(sib, "value") ?? throw Error(sib, $"Missing 'value' attribute in NUMA distances under 'cell id {id}'");
                if (!int.TryParse(valText, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                {
                    throw Error(sib, $"Invalid 'value' attribute in NUMA distances under 'cell id {id}'");
                }

                if ((sid == id && value != LocalNumaDistance) || (sid != id && value <= LocalNumaDistance) || value > 255)
                {
                    throw Error(sib, $"'value {value}' is invalid for 'sibling id {sid}' under NUMA 'cell id {id}'");
                }

                if (distances[id] is null)
                {
                    distances[id] = new int[n];
                    distances[id][id] = LocalNumaDistance;
                }

                distances[id][sid] = value;

                // Apply symmetry where the other direction was not given.
                if (distances[sid] is null)
                {
                    distances[sid] = new int[n];
                    distances[sid][sid] = LocalNumaDistance;
                }

                if (distances[sid][id] == 0)
                {
                    distances[sid][id] = value;
                }
            }
        }

        var result = new XElement("numa");
        for (var i = 0; i < n; i++)
        {
            var cell = cells[i]!;
            if (distances[i] is { } d)
            {
                var del = new XElement("distances");
                for (var j = 0; j < n; j++)
                {
                    if (d[j] != 0)
                    {
                        del.Add(new XElement("sibling", new XAttribute("id", j), new XAttribute("value", d[j])));
                    }
                }

                cell.Add(del);
            }

            cell.Add(caches[i]);
            result.Add(cell);
        }

        if (numa.Element("interconnects") is { } ic)
        {
            result.Add(Clean(ic));
        }

        return result;
    }
}
