using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>
/// Wire form of anything the server sends: the greeting (<c>QMP</c>), a reply
/// (<c>return</c> or <c>error</c>, with the command's <c>id</c>), or an event.
/// </summary>
internal sealed class QmpIncomingMessage
{
    [JsonPropertyName("QMP")]
    public QmpGreetingBody? Greeting { get; set; }

    [JsonPropertyName("return")]
    public JsonElement? Return { get; set; }

    [JsonPropertyName("error")]
    public QmpErrorBody? Error { get; set; }

    [JsonPropertyName("event")]
    public string? Event { get; set; }

    [JsonPropertyName("data")]
    public JsonElement? Data { get; set; }

    [JsonPropertyName("timestamp")]
    public QmpTimestampBody? Timestamp { get; set; }

    [JsonPropertyName("id")]
    public JsonElement? Id { get; set; }
}
