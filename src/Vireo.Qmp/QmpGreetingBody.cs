using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Wire form of the greeting's <c>QMP</c> member.</summary>
internal sealed class QmpGreetingBody
{
    [JsonPropertyName("version")]
    public QmpVersionBody? Version { get; set; }

    [JsonPropertyName("capabilities")]
    public List<string>? Capabilities { get; set; }
}
