using System.Text.Json;

namespace Vireo.Qmp;

/// <summary>An asynchronous event QEMU emitted (<c>{"event": ..., "data": ..., "timestamp": ...}</c>).</summary>
public sealed record QmpEvent
{
    public required string Name { get; init; }

    /// <summary>The event's data member, when it has one.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>When QEMU emitted it (Unix epoch when QEMU gave no timestamp).</summary>
    public DateTimeOffset Timestamp { get; init; }
}
