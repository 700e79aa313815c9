using System.Text.Json;
using System.Text.Json.Nodes;
using Vireo.Qmp;
using Vireo.Runtime;
using Vireo.Runtime.Control;

namespace Vireo.Cli;

/// <summary>The <c>qmp</c> command: sends one raw QMP command and prints its reply.</summary>
internal static class QmpCommand
{
    private const string CmdName = "qmp";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir"], []);
        var positional = a.ExpectPositional(CmdName, 2, "a domain NAME and a JSON command such as '{\"execute\":\"query-status\"}'");
        var (command, arguments) = ParseCommand(positional[1]);
        var state = GuestCommandSupport.State(a);
        JsonElement reply;
        try
        {
            reply = GuestCommandSupport.Run(CmdName, ct => GuestControl.QmpAsync(state, positional[0], command, arguments, null, ct));
        }
        catch (QmpErrorException ex)
        {
            throw new RuntimeException($"QEMU refused '{command}': {ex.ErrorClass}: {ex.Description}", ex);
        }

        stdout.WriteLine(JsonSerializer.Serialize(reply, QmpCommandJson.Default.JsonElement));
        return ExitCodes.Ok;
    }

    /// <summary>Reads <c>{"execute": NAME, "arguments": {...}}</c>.</summary>
    private static (string Command, JsonObject? Arguments) ParseCommand(string text)
    {
        JsonObject obj;
        try
        {
            obj = JsonNode.Parse(text) as JsonObject ?? throw new UsageException($"{CmdName}: the command must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new UsageException($"{CmdName}: the command is not valid JSON: {ex.Message}");
        }

        if (!obj.TryGetPropertyValue("execute", out var execute) || execute is not JsonValue v || !v.TryGetValue<string>(out var command) || command.Length == 0)
        {
            throw new UsageException($"{CmdName}: the command needs \"execute\": \"COMMAND-NAME\"");
        }

        foreach (var key in obj.Select(kv => kv.Key))
        {
            if (key is not ("execute" or "arguments"))
            {
                throw new UsageException($"{CmdName}: unexpected member \"{key}\" (only \"execute\" and \"arguments\")");
            }
        }

        JsonObject? arguments = null;
        if (obj.TryGetPropertyValue("arguments", out var argNode) && argNode is not null)
        {
            arguments = argNode as JsonObject ?? throw new UsageException($"{CmdName}: \"arguments\" must be a JSON object");
            obj.Remove("arguments");
        }

        return (command, arguments);
    }
}
