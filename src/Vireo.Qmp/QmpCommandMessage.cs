using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Wire form of a command: <c>{"execute": ..., "arguments": ..., "id": ...}</c>.</summary>
internal sealed class QmpCommandMessage
{
    [JsonPropertyName("execute")]
    public required string Execute { get; init; }

    [JsonPropertyName("arguments")]
    public JsonObject? Arguments { get; init; }

    [JsonPropertyName("id")]
    public required string Id { get; init; }
}
