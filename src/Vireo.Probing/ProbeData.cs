using System.Collections.Concurrent;
using System.Text.Json;
using Vireo.Qmp;

namespace Vireo.Probing;

/// <summary>
/// The raw answers of one probing session, by query key: the command name for
/// argument-less queries, <c>COMMAND:TYPENAME</c> for per-type queries. Errors QEMU
/// returned are kept apart (a missing device is an answer, not a failure).
/// </summary>
internal sealed class ProbeData
{
    public const string HostCpuKey = "host-cpu";
    public const string HostCpuNonMigratableKey = "host-cpu-non-migratable";

    private readonly ConcurrentDictionary<string, JsonElement> _replies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);

    /// <summary>Queries QEMU answered with an error: key → <c>Class: description</c>.</summary>
    public IReadOnlyDictionary<string, string> Errors => _errors;

    public static string DeviceKey(string typeName) => "device-list-properties:" + typeName;

    public static string QomKey(string typeName) => "qom-list-properties:" + typeName;

    public void Record(string key, JsonElement reply) => _replies[key] = reply;

    public void RecordError(string key, QmpErrorException error) => _errors[key] = error.ErrorClass + ": " + error.Description;

    public bool TryGet(string key, out JsonElement reply) => _replies.TryGetValue(key, out reply);

    /// <summary>The reply when it is a JSON array, else null.</summary>
    public JsonElement? Array(string key) =>
        TryGet(key, out var r) && r.ValueKind == JsonValueKind.Array ? r : null;

    /// <summary>The reply when it is a JSON object, else null.</summary>
    public JsonElement? Object(string key) =>
        TryGet(key, out var r) && r.ValueKind == JsonValueKind.Object ? r : null;

    /// <summary>The <c>name</c> members of an array-of-objects reply (types, commands, properties).</summary>
    public HashSet<string> Names(string key)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (Array(key) is { } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (Json.String(item, "name") is { } name)
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>The string items of an array-of-strings reply.</summary>
    public HashSet<string> Strings(string key)
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        if (Array(key) is { } array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    values.Add(item.GetString()!);
                }
            }
        }

        return values;
    }
}
