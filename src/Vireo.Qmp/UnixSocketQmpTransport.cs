using System.Net.Sockets;

namespace Vireo.Qmp;

/// <summary>Connects to a QMP server listening on a UNIX-domain stream socket.</summary>
public sealed class UnixSocketQmpTransport : IQmpTransport
{
    public UnixSocketQmpTransport(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        SocketPath = socketPath;
    }

    /// <summary>The socket's path.</summary>
    public string SocketPath { get; }

    /// <inheritdoc/>
    public string Description => "unix:" + SocketPath;

    /// <inheritdoc/>
    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(SocketPath), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new QmpConnectionException($"cannot connect to QMP socket '{SocketPath}': {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
