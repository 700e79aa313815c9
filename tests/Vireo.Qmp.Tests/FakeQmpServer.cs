using System.Net.Sockets;

namespace Vireo.Qmp.Tests;

/// <summary>A scripted QMP server for unit tests: a UNIX socket in a private temporary directory.</summary>
internal sealed class FakeQmpServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly string _directory;

    private FakeQmpServer(Socket listener, string directory, string socketPath)
    {
        _listener = listener;
        _directory = directory;
        SocketPath = socketPath;
    }

    public string SocketPath { get; }

    public static FakeQmpServer Start()
    {
        var dir = Directory.CreateTempSubdirectory("vireo-qmp-test-").FullName;
        var path = Path.Combine(dir, "qmp.sock");
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(4);
        return new FakeQmpServer(listener, dir, path);
    }

    public async Task<FakeQmpPeer> AcceptAsync(CancellationToken cancellationToken)
    {
        var socket = await _listener.AcceptAsync(cancellationToken);
        return new FakeQmpPeer(new NetworkStream(socket, ownsSocket: true));
    }

    /// <summary>A connected pair of streams, without the client: for <see cref="StreamQmpTransport"/> tests.</summary>
    public async Task<(Stream Client, FakeQmpPeer Server)> ConnectPairAsync(CancellationToken cancellationToken)
    {
        var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await client.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken);
        var server = await AcceptAsync(cancellationToken);
        return (new NetworkStream(client, ownsSocket: true), server);
    }

    public ValueTask DisposeAsync()
    {
        _listener.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
