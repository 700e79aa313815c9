using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Hotplug;

/// <summary>
/// Reads a built QEMU command line back into devices and the backends each one uses,
/// following the references QEMU follows (<c>drive</c> → block node → <c>file</c>/<c>backing</c>
/// nodes; <c>netdev</c>; <c>chardev</c>). Used to record what a device owns at start and to
/// take a new device's pieces for hot-plug.
/// </summary>
public static class CommandLineDevices
{
    private static readonly string[] Options = ["-device", "-blockdev", "-netdev", "-object", "-chardev"];

    /// <summary>The device, block, network, object and chardev options of an argument list, in order.</summary>
    public static ImmutableArray<QemuOption> Extract(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var list = ImmutableArray.CreateBuilder<QemuOption>();
        for (var i = 0; i + 1 < arguments.Count; i++)
        {
            if (Options.Contains(arguments[i], StringComparer.Ordinal))
            {
                list.Add(new QemuOption(arguments[i], arguments[i + 1]));
                i++;
            }
        }

        return list.ToImmutable();
    }

    /// <summary>Every device that has an id, with its backends.</summary>
    public static ImmutableDictionary<string, DevicePlug> Plugs(IReadOnlyList<string> arguments)
    {
        var options = Extract(arguments);
        var blockdevs = new Dictionary<string, (int Order, JsonObject Json)>(StringComparer.Ordinal);
        var netdevs = new Dictionary<string, (int Order, JsonObject Json)>(StringComparer.Ordinal);
        var objects = new List<(int Order, JsonObject Json)>();
        var devices = new List<JsonObject>();
        for (var i = 0; i < options.Length; i++)
        {
            var o = options[i];
            switch (o.Name)
            {
                case "-blockdev" when ParseJson(o.Value) is { } b && Str(b, "node-name") is { } node:
                    blockdevs[node] = (i, b);
                    break;
                case "-netdev" when ParseOption(o.Value, "type") is { } n && Str(n, "id") is { } id:
                    netdevs[id] = (i, n);
                    break;
                case "-object" when ParseOption(o.Value, "qom-type") is { } obj:
                    objects.Add((i, obj));
                    break;
                case "-device" when ParseOption(o.Value, "driver") is { } d:
                    devices.Add(d);
                    break;
            }
        }

        var result = ImmutableDictionary.CreateBuilder<string, DevicePlug>(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            if (Str(device, "id") is not { } alias)
            {
                continue;
            }

            var nodes = new List<(int Order, JsonObject Json)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            CollectNodes(Str(device, "drive"), blockdevs, nodes, seen);
            var nets = Str(device, "netdev") is { } netId && netdevs.TryGetValue(netId, out var net) ? new[] { net.Json } : [];
            var owned = objects.Where(obj => Str(obj.Json, "id") is { } id && seen.Any(node => id.StartsWith(node + "-", StringComparison.Ordinal) || id.StartsWith("obj" + node, StringComparison.Ordinal)))
                .Select(obj => obj.Json);
            result[alias] = new DevicePlug
            {
                Alias = alias,
                Device = device,
                Objects = [.. owned],
                BlockNodes = [.. nodes.OrderBy(n => n.Order).Select(n => n.Json)],
                Netdevs = [.. nets],
                Chardevs = Str(device, "chardev") is { } ch ? [ch] : [],
            };
        }

        return result.ToImmutable();
    }

    /// <summary>What must be deleted after the device is gone: block nodes top first, netdevs, chardevs, objects.</summary>
    public static DeviceBackends Backends(DevicePlug plug)
    {
        ArgumentNullException.ThrowIfNull(plug);
        return new DeviceBackends
        {
            BlockNodes = [.. plug.BlockNodes.Reverse().Select(b => Str(b, "node-name")!)],
            Netdevs = [.. plug.Netdevs.Select(n => Str(n, "id")!)],
            Chardevs = plug.Chardevs,
            Objects = [.. plug.Objects.Select(o => Str(o, "id")).OfType<string>()],
        };
    }

    /// <summary>A string member of a JSON object, or null.</summary>
    public static string? Str(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var v) && v is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private static void CollectNodes(string? node, Dictionary<string, (int Order, JsonObject Json)> blockdevs, List<(int, JsonObject)> into, HashSet<string> seen)
    {
        if (node is null || !seen.Add(node) || !blockdevs.TryGetValue(node, out var entry))
        {
            return;
        }

        into.Add(entry);
        foreach (var child in new[] { "file", "backing", "data-file" })
        {
            CollectNodes(Str(entry.Json, child), blockdevs, into, seen);
        }
    }

    /// <summary>
    /// An option value as a JSON object: JSON as it is, or QEMU's <c>type,key=value,...</c>
    /// form with the leading bare word under <paramref name="firstKey"/> (values stay strings).
    /// </summary>
    private static JsonObject? ParseOption(string value, string firstKey)
    {
        if (value.StartsWith('{'))
        {
            return ParseJson(value);
        }

        var obj = new JsonObject();
        var parts = SplitKeyValue(value);
        for (var i = 0; i < parts.Count; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                if (i == 0)
                {
                    obj[firstKey] = parts[i];
                }

                continue;
            }

            obj[parts[i][..eq]] = parts[i][(eq + 1)..];
        }

        return obj;
    }

    // QEMU's option syntax: ',' separates, ',,' is a literal comma.
    private static List<string> SplitKeyValue(string value)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == ',')
            {
                if (i + 1 < value.Length && value[i + 1] == ',')
                {
                    current.Append(',');
                    i++;
                    continue;
                }

                parts.Add(current.ToString());
                current.Clear();
                continue;
            }

            current.Append(value[i]);
        }

        parts.Add(current.ToString());
        return parts;
    }

    private static JsonObject? ParseJson(string value)
    {
        try
        {
            return JsonNode.Parse(value) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
