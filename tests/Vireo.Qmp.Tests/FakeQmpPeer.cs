using System.Text;
using System.Text.Json;

namespace Vireo.Qmp.Tests;

/// <summary>The server side of one fake QMP connection: reads commands, writes whatever the test scripts.</summary>
internal sealed class FakeQmpPeer(Stream stream) : IAsyncDisposable
{
    public const string Greeting = """{"QMP": {"version": {"qemu": {"micro": 22, "minor": 2, "major": 7}, "package": "Debian 1:7.2"}, "capabilities": ["oob"]}}""";

    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Sends the greeting and answers <c>qmp_capabilities</c>.</summary>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await SendAsync(Greeting, cancellationToken);
        var negotiate = await ReadCommandAsync(cancellationToken);
        Assert.Equal("qmp_capabilities", negotiate.GetProperty("execute").GetString());
        await ReplyAsync(negotiate, "{}", cancellationToken);
    }

    public async Task<JsonElement> ReadCommandAsync(CancellationToken cancellationToken)
    {
        var line = await _reader.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("client closed");
        using var doc = JsonDocument.Parse(line);
        return doc.RootElement.Clone();
    }

    public Task ReplyAsync(JsonElement command, string returnJson, CancellationToken cancellationToken) =>
        SendAsync($$"""{"return": {{returnJson}}, "id": {{command.GetProperty("id").GetRawText()}}}""", cancellationToken);

    public Task ErrorAsync(JsonElement command, string errorClass, string desc, CancellationToken cancellationToken) =>
        SendAsync($$"""{"error": {"class": "{{errorClass}}", "desc": "{{desc}}"}, "id": {{command.GetProperty("id").GetRawText()}}}""", cancellationToken);

    public Task EventAsync(string name, CancellationToken cancellationToken) =>
        SendAsync($$$"""{"timestamp": {"seconds": 1700000000, "microseconds": 250000}, "event": "{{{name}}}", "data": {"n": "{{{name}}}"}}""", cancellationToken);

    public async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Reads and discards until the client closes its end; true once it has (end of stream or
    /// a reset). This is how a test sees that the client released its socket.
    /// </summary>
    public async Task<bool> WaitForEofAsync(CancellationToken cancellationToken)
    {
        var sink = new char[4096];
        try
        {
            while (await _reader.ReadAsync(sink, cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }

        return true;
    }

    /// <summary>Closes the sending direction only: the client sees end of stream, the peer can still read.</summary>
    public void ShutdownSend()
    {
        if (stream is System.Net.Sockets.NetworkStream network)
        {
            network.Socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await stream.DisposeAsync();
    }
}
