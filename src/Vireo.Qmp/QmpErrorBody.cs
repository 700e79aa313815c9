using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Wire form of an error reply's <c>error</c> member.</summary>
internal sealed class QmpErrorBody
{
    [JsonPropertyName("class")]
    public string? Class { get; set; }

    [JsonPropertyName("desc")]
    public string? Desc { get; set; }
}
