using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Wire form of <c>{"major": ..., "minor": ..., "micro": ...}</c>.</summary>
internal sealed class QmpVersionTriple
{
    [JsonPropertyName("major")]
    public int Major { get; set; }

    [JsonPropertyName("minor")]
    public int Minor { get; set; }

    [JsonPropertyName("micro")]
    public int Micro { get; set; }
}
