using System.Xml.Linq;
using Vireo.Domain.Errors;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>
/// &lt;numatune&gt;: host NUMA policy for guest memory, read and rewritten the way libvirt
/// stores it (numa_conf.c virDomainNumatuneParseXML/FormatXML): mode defaults to strict, a
/// missing placement follows the nodeset or the vCPU placement, memnodes sorted by cell.
/// </summary>
public static partial class DomainXmlParser
{
    private static readonly string[] NumatuneModes = ["strict", "preferred", "interleave", "restrictive"];

    /// <summary>
    /// The canonical &lt;numatune&gt; (null when there is nothing to say) for a domain whose
    /// vCPU placement is <paramref name="vcpuPlacementAuto"/> and which has
    /// <paramref name="cellCount"/> guest NUMA cells.
    /// </summary>
    private static XElement? ParseNumatune(XElement? numatune, bool vcpuPlacementAuto, int cellCount)
    {
        var memory = numatune?.Element("memory");
        string? mode = null;
        string? placement = null;
        string? nodeset = null;
        if (memory is not null)
        {
            mode = Enum(memory, "mode", NumatuneModes);
            placement = Enum(memory, "placement", ["static", "auto"]);
            if (Attr(memory, "nodeset") is { } ns)
            {
                var set = NodeSet.TryParse(ns) ?? throw Error(memory, $"Failed to parse bitmap '{ns}'");
                if (set.Count == 0)
                {
                    throw DomainConfigException.Unsupported($"Invalid value of 'nodeset': {ns}");
                }

                nodeset = NodeSet.Format(set);
            }
        }
        else if (vcpuPlacementAuto)
        {
            placement = "auto";
        }

        var result = new XElement("numatune");
        if (mode is not null || placement is not null || nodeset is not null)
        {
            mode ??= "strict";
            placement ??= nodeset is not null || !vcpuPlacementAuto ? "static" : "auto";
            if (placement == "static" && nodeset is null)
            {
                throw DomainConfigException.Unsupported("nodeset for NUMA memory tuning must be set if 'placement' is 'static'");
            }

            var m = new XElement("memory", new XAttribute("mode", mode));
            m.Add(placement == "static" ? new XAttribute("nodeset", nodeset!) : new XAttribute("placement", placement));
            result.Add(m);
        }

        var memnodes = numatune?.Elements("memnode").ToList() ?? [];
        if (memnodes.Count > 0)
        {
            if (cellCount == 0)
            {
                throw Error(memnodes[0], "Element 'memnode' is invalid without any guest NUMA cells");
            }

            if (placement == "auto")
            {
                throw DomainConfigException.Unsupported("Per-node binding is not compatible with automatic NUMA placement.");
            }

            var byCell = new SortedDictionary<int, XElement>();
            foreach (var mn in memnodes)
            {
                var cellText = Attr(mn, "cellid") ?? throw Error(mn, "Missing required cellid attribute in memnode element");
                if (!int.TryParse(cellText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cell))
                {
                    throw Error(mn, "Invalid cellid attribute in memnode element");
                }

                if (cell >= cellCount)
                {
                    throw Error(mn, "Argument 'cellid' in memnode element must correspond to existing guest's NUMA cell");
                }

                if (byCell.ContainsKey(cell))
                {
                    throw Error(mn, $"Multiple memnode elements with cellid {cell}");
                }

                var nodeMode = Enum(mn, "mode", NumatuneModes) ?? "strict";
                if (mode == "restrictive" && nodeMode != "restrictive")
                {
                    throw Error(mn, "'restrictive' mode is required in memnode element when mode is 'restrictive' in memory element");
                }

                var ns = Attr(mn, "nodeset") ?? throw Error(mn, "Missing required nodeset attribute in memnode element");
                var set = NodeSet.TryParse(ns) ?? throw Error(mn, $"Failed to parse bitmap '{ns}'");
                if (set.Count == 0)
                {
                    throw DomainConfigException.Unsupported($"Invalid value of 'nodeset': {ns}");
                }

                byCell[cell] = new XElement(
                    "memnode",
                    new XAttribute("cellid", cell),
                    new XAttribute("mode", nodeMode),
                    new XAttribute("nodeset", NodeSet.Format(set)));
            }

            result.Add(byCell.Values);
        }

        return result.HasElements ? result : null;
    }
}
