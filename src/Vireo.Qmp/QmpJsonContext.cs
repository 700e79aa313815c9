using System.Text.Json.Serialization;

namespace Vireo.Qmp;

/// <summary>Source-generated (reflection-free) serialization of the QMP message envelopes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QmpCommandMessage))]
[JsonSerializable(typeof(QmpIncomingMessage))]
internal sealed partial class QmpJsonContext : JsonSerializerContext
{
}
