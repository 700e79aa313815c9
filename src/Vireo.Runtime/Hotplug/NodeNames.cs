using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Vireo.Runtime.Hotplug;

/// <summary>
/// Keeps a hot-plugged device's block node names clear of the ones QEMU already has. The
/// engine numbers nodes for the whole definition (<c>libvirt-N-storage</c>,
/// <c>libvirt-N-format</c>, from the last disk up), so the new device's numbers may belong
/// to a disk QEMU already runs; they are moved past the highest number in use, and every
/// reference (<c>drive</c>, <c>file</c>, <c>backing</c>, secret ids) follows.
/// </summary>
public static partial class NodeNames
{
    /// <summary>The plug with its node numbers moved above those in <paramref name="inUse"/>.</summary>
    public static DevicePlug Renumber(DevicePlug plug, IEnumerable<string> inUse)
    {
        ArgumentNullException.ThrowIfNull(plug);
        ArgumentNullException.ThrowIfNull(inUse);
        var used = inUse.Select(Number).OfType<int>().ToHashSet();
        var mine = plug.BlockNodes.Select(b => CommandLineDevices.Str(b, "node-name")).OfType<string>().Select(Number).OfType<int>().Distinct().Order().ToList();
        if (mine.Count == 0 || !mine.Any(used.Contains))
        {
            return plug;
        }

        var next = used.Concat(mine).Max() + 1;
        var map = new Dictionary<int, int>();
        foreach (var n in mine)
        {
            map[n] = next++;
        }

        return plug with
        {
            Device = Rewrite(plug.Device, map),
            BlockNodes = [.. plug.BlockNodes.Select(b => Rewrite(b, map))],
            Objects = [.. plug.Objects.Select(o => Rewrite(o, map))],
        };
    }

    private static int? Number(string name) =>
        Pattern().Match(name) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static JsonObject Rewrite(JsonObject obj, Dictionary<int, int> map) =>
        (JsonObject)RewriteNode(obj, map)!;

    private static JsonNode? RewriteNode(JsonNode? node, Dictionary<int, int> map)
    {
        switch (node)
        {
            case JsonObject o:
                var copy = new JsonObject();
                foreach (var (key, value) in o)
                {
                    copy[key] = RewriteNode(value, map);
                }

                return copy;
            case JsonArray a:
                return new JsonArray([.. a.Select(x => RewriteNode(x, map))]);
            case JsonValue v when v.TryGetValue<string>(out var s):
                return JsonValue.Create(Reference().Replace(s, m =>
                    map.TryGetValue(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), out var to)
                        ? m.Groups[1].Value + "libvirt-" + to.ToString(CultureInfo.InvariantCulture) + "-"
                        : m.Value));
            default:
                return node?.DeepClone();
        }
    }

    [GeneratedRegex(@"^libvirt-(\d+)-", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    // A node name, or an id made from one (secrets: libvirt-N-format-encryption-secret0; TLS: objlibvirt-N-storage_tls0).
    [GeneratedRegex(@"^(obj)?libvirt-(\d+)-", RegexOptions.CultureInvariant)]
    private static partial Regex Reference();
}
