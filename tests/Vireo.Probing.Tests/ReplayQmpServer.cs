using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Vireo.Probing.Tests;

/// <summary>
/// A fake QEMU for unit tests: serves a recorded probing conversation over QMP. Each
/// recorded session (one per QEMU process libvirt started) listens on its own UNIX
/// socket; every connection gets a greeting, and each command is answered with the reply
/// recorded for the same command and arguments — whatever order it is asked in. A command
/// that was never recorded gets a <c>CommandNotFound</c> error and is remembered in
/// <see cref="Unmatched"/>.
/// </summary>
internal sealed class ReplayQmpServer : IAsyncDisposable
{
    private readonly RecordedConversation _conversation;
    private readonly string _directory;
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _tasks = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _unmatched = new(StringComparer.Ordinal);

    private ReplayQmpServer(RecordedConversation conversation, string directory)
    {
        _conversation = conversation;
        _directory = directory;
    }

    /// <summary>Socket path per recorded session (the first is the main probe, a second one the TCG-only probe).</summary>
    public IReadOnlyList<string> SocketPaths { get; private set; } = [];

    /// <summary>Commands asked for which nothing was recorded (key → count).</summary>
    public IReadOnlyDictionary<string, int> Unmatched => _unmatched;

    public static ReplayQmpServer Start(string repliesPath)
    {
        var conversation = RecordedConversation.Load(repliesPath);
        var directory = Directory.CreateTempSubdirectory("vireo-replay-").FullName;
        var server = new ReplayQmpServer(conversation, directory);
        var paths = new List<string>();
        for (var i = 0; i < conversation.Sessions.Count; i++)
        {
            var path = Path.Combine(directory, $"s{i}.sock");
            var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(4);
            server._listeners.Add(listener);
            paths.Add(path);
            var session = conversation.Sessions[i];
            server._tasks.Add(Task.Run(() => server.AcceptLoopAsync(listener, session)));
        }

        server.SocketPaths = paths;
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (var l in _listeners)
        {
            l.Dispose();
        }

        try
        {
            await Task.WhenAll(_tasks);
        }
        catch (Exception)
        {
            // Connection handlers end with whatever the closed sockets throw.
        }

        _stop.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task AcceptLoopAsync(Socket listener, Dictionary<string, JsonElement> session)
    {
        var connections = new List<Task>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await listener.AcceptAsync(_stop.Token);
                connections.Add(Task.Run(() => ServeAsync(socket, session)));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Server stopped.
        }

        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket socket, Dictionary<string, JsonElement> session)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        try
        {
            var version = _conversation.Version is { } v ? v.GetRawText() : """{"qemu": {"major": 0, "minor": 0, "micro": 0}, "package": ""}""";
            await WriteLineAsync(stream, $$$"""{"QMP": {"version": {{{version}}}, "capabilities": ["oob"]}}""");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line);
                var command = doc.RootElement;
                var execute = command.GetProperty("execute").GetString()!;
                var id = command.TryGetProperty("id", out var i) ? i.GetRawText() : "null";
                if (execute is "qmp_capabilities" or "quit")
                {
                    await WriteLineAsync(stream, $$"""{"return": {}, "id": {{id}}}""");
                    if (execute == "quit")
                    {
                        return;
                    }

                    continue;
                }

                var key = RecordedConversation.Key(execute, command.TryGetProperty("arguments", out var a) ? a : null);
                if (session.TryGetValue(key, out var recorded))
                {
                    await WriteLineAsync(stream, WithId(recorded, id));
                }
                else
                {
                    _unmatched.AddOrUpdate(key, 1, (_, n) => n + 1);
                    await WriteLineAsync(stream, $$"""{"error": {"class": "CommandNotFound", "desc": "no recorded reply"}, "id": {{id}}}""");
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Client or server went away.
        }
    }

    private static string WithId(JsonElement reply, string id)
    {
        var sb = new StringBuilder("{");
        foreach (var p in reply.EnumerateObject())
        {
            if (p.Name == "id")
            {
                continue;
            }

            sb.Append(JsonSerializer.Serialize(p.Name)).Append(':').Append(p.Value.GetRawText()).Append(',');
        }

        sb.Append("\"id\":").Append(id).Append('}');
        return sb.ToString();
    }

    private static async Task WriteLineAsync(Stream stream, string json)
    {
        // Replies must travel as one line each; compact any pretty-printed recorded JSON.
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            doc.RootElement.WriteTo(writer);
        }

        buffer.WriteByte((byte)'\n');
        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }
}
