using System.Text.Json.Serialization;

namespace Vireo.Conformance.Isolation;

/// <summary>Source-generated JSON metadata for worker result lines.</summary>
[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(CaseResult))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext
{
}
