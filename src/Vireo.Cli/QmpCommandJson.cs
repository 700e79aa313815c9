using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vireo.Cli;

/// <summary>Source-generated JSON for printing QMP replies (indented).</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class QmpCommandJson : JsonSerializerContext
{
}
