using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Wire form of an event's <c>timestamp</c>.</summary>
internal sealed class QmpTimestampBody
{
    [JsonPropertyName("seconds")]
    public long Seconds { get; set; }

    [JsonPropertyName("microseconds")]
    public long Microseconds { get; set; }
}
