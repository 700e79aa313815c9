using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Wire form of <c>{"qemu": {...}, "package": ...}</c> (greeting and <c>query-version</c>).</summary>
internal sealed class QmpVersionBody
{
    [JsonPropertyName("qemu")]
    public QmpVersionTriple? Qemu { get; set; }

    [JsonPropertyName("package")]
    public string? Package { get; set; }
}
