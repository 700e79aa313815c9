using System.Text.Json.Serialization;

namespace Vireo.Runtime.State;

/// <summary>Source-generated JSON for the state files (no reflection).</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DomainRecord))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext
{
}
