using System.Text.Json;

namespace Vireo.Qmp;

/// <summary>A command sent and waiting for its reply.</summary>
internal sealed class QmpPendingCommand(string command)
{
    public string Command { get; } = command;

    public TaskCompletionSource<JsonElement> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
