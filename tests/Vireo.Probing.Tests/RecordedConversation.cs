using System.Text;
using System.Text.Json;

namespace Vireo.Probing.Tests;

/// <summary>
/// A libvirt <c>caps_*.replies</c> file: the QMP commands libvirt sent while probing and
/// QEMU's replies, in order; split into sessions (one per QEMU process) at each
/// <c>qmp_capabilities</c>, and indexed by (command, canonical arguments).
/// </summary>
internal sealed class RecordedConversation
{
    private RecordedConversation(List<Dictionary<string, JsonElement>> sessions, JsonElement? version)
    {
        Sessions = sessions;
        Version = version;
    }

    /// <summary>Per session: key (see <see cref="Key"/>) → recorded reply object.</summary>
    public IReadOnlyList<Dictionary<string, JsonElement>> Sessions { get; }

    /// <summary>The recorded <c>query-version</c> return value, for the greeting.</summary>
    public JsonElement? Version { get; }

    public static RecordedConversation Load(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 256 });
        var messages = new List<JsonElement>();
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            messages.Add(doc.RootElement.Clone());
        }

        var sessions = new List<Dictionary<string, JsonElement>>();
        JsonElement? version = null;
        for (var i = 0; i + 1 < messages.Count; i += 2)
        {
            var command = messages[i];
            var reply = messages[i + 1];
            var execute = command.GetProperty("execute").GetString()!;
            if (execute == "qmp_capabilities")
            {
                sessions.Add(new Dictionary<string, JsonElement>(StringComparer.Ordinal));
                continue;
            }

            if (sessions.Count == 0)
            {
                sessions.Add(new Dictionary<string, JsonElement>(StringComparer.Ordinal));
            }

            var args = command.TryGetProperty("arguments", out var a) ? a : (JsonElement?)null;
            sessions[^1].TryAdd(Key(execute, args), reply);
            if (execute == "query-version" && version is null && reply.TryGetProperty("return", out var v))
            {
                version = v;
            }
        }

        return new RecordedConversation(sessions, version);
    }

    /// <summary>The index key: command name plus its arguments with object members sorted.</summary>
    public static string Key(string execute, JsonElement? arguments)
    {
        if (arguments is not { } args || args.ValueKind == JsonValueKind.Null)
        {
            return execute;
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteCanonical(writer, args);
        }

        return execute + " " + Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(p.Name);
                    WriteCanonical(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in e.EnumerateArray())
                {
                    WriteCanonical(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                e.WriteTo(writer);
                break;
        }
    }
}
