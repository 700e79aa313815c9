using System.Text.Json;

namespace Vireo.Probing;

/// <summary>
/// QEMU's introspected QAPI schema (<c>query-qmp-schema</c>), indexed by entity name, with
/// a small path language to ask whether something exists:
/// <list type="bullet">
/// <item>the first step names a command or event;</item>
/// <item><c>arg-type</c> / <c>ret-type</c> step from a command or event to its argument or return type;</item>
/// <item><c>name</c> steps into an object member's type, <c>+case</c> into a union branch;</item>
/// <item><c>^value</c> requires an enum value, <c>$feature</c> a feature flag on the current entity.</item>
/// </list>
/// Arrays are looked through to their element type and alternates to each of their
/// branches, so a path exists when any reading of it does.
/// </summary>
internal sealed class QapiSchema
{
    private const int MaxTypeHops = 64;

    private readonly Dictionary<string, JsonElement> _entities = new(StringComparer.Ordinal);

    public QapiSchema(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var entity in schema.EnumerateArray())
        {
            if (entity.ValueKind == JsonValueKind.Object
                && entity.TryGetProperty("name", out var name)
                && name.ValueKind == JsonValueKind.String)
            {
                _entities.TryAdd(name.GetString()!, entity);
            }
        }
    }

    /// <summary>Number of entities.</summary>
    public int Count => _entities.Count;

    /// <summary>True when <paramref name="path"/> resolves (see the type's summary for the syntax).</summary>
    public bool PathExists(string path)
    {
        var steps = path.Split('/');
        if (steps.Length == 0 || !_entities.TryGetValue(steps[0], out var root))
        {
            return false;
        }

        var current = new List<JsonElement> { root };
        for (var i = 1; i < steps.Length && current.Count > 0; i++)
        {
            var next = new List<JsonElement>();
            foreach (var entity in current)
            {
                Step(entity, steps[i], next);
            }

            current = next;
        }

        return current.Count > 0;
    }

    private void Step(JsonElement entity, string step, List<JsonElement> next)
    {
        if (step.Length == 0)
        {
            return;
        }

        switch (step[0])
        {
            case '$':
                if (HasString(entity, "features", step[1..]))
                {
                    next.Add(entity);
                }

                return;
            case '^':
                foreach (var e in Resolve(entity))
                {
                    if (MetaType(e) == "enum" && EnumHas(e, step[1..]))
                    {
                        next.Add(e);
                    }
                }

                return;
            case '+':
                foreach (var e in Resolve(entity))
                {
                    if (MetaType(e) == "object" && e.TryGetProperty("variants", out var variants) && variants.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var v in variants.EnumerateArray())
                        {
                            if (StringProp(v, "case") == step[1..] && Lookup(StringProp(v, "type")) is { } t)
                            {
                                next.Add(t);
                            }
                        }
                    }
                }

                return;
            default:
                break;
        }

        var meta = MetaType(entity);
        if (meta is "command" or "event")
        {
            if (Lookup(StringProp(entity, step)) is { } type)
            {
                next.Add(type);
            }

            return;
        }

        foreach (var e in Resolve(entity))
        {
            if (MetaType(e) != "object" || !e.TryGetProperty("members", out var members) || members.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var m in members.EnumerateArray())
            {
                if (StringProp(m, "name") == step)
                {
                    // The member exists even if its type is not in the schema; such a type
                    // simply cannot be stepped into.
                    next.Add(Lookup(StringProp(m, "type")) ?? m);
                }
            }
        }
    }

    /// <summary>The entity itself, or for arrays/alternates the types they stand for.</summary>
    private List<JsonElement> Resolve(JsonElement entity)
    {
        var result = new List<JsonElement>();
        var queue = new Queue<(JsonElement Entity, int Depth)>();
        queue.Enqueue((entity, 0));
        while (queue.Count > 0)
        {
            var (e, depth) = queue.Dequeue();
            if (depth > MaxTypeHops)
            {
                continue;
            }

            switch (MetaType(e))
            {
                case "array":
                    if (Lookup(StringProp(e, "element-type")) is { } element)
                    {
                        queue.Enqueue((element, depth + 1));
                    }

                    break;
                case "alternate":
                    if (e.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var m in members.EnumerateArray())
                        {
                            if (Lookup(StringProp(m, "type")) is { } branch)
                            {
                                queue.Enqueue((branch, depth + 1));
                            }
                        }
                    }

                    break;
                default:
                    result.Add(e);
                    break;
            }
        }

        return result;
    }

    private JsonElement? Lookup(string? name) =>
        name is not null && _entities.TryGetValue(name, out var e) ? e : null;

    private static string? MetaType(JsonElement e) => StringProp(e, "meta-type");

    private static string? StringProp(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    private static bool HasString(JsonElement e, string arrayName, string value)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(arrayName, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return false;
        }

        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() == value)
            {
                return true;
            }
        }

        return false;
    }

    private static bool EnumHas(JsonElement e, string value)
    {
        if (HasString(e, "values", value))
        {
            return true;
        }

        if (e.TryGetProperty("members", out var members) && members.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in members.EnumerateArray())
            {
                if (StringProp(m, "name") == value)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
