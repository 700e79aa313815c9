namespace Vireo.Qmp;

/// <summary>Opens the byte stream a <see cref="QmpClient"/> talks over (a UNIX socket, or any duplex stream in tests).</summary>
public interface IQmpTransport
{
    /// <summary>A short description for error messages (e.g. the socket path).</summary>
    string Description { get; }

    /// <summary>Connects and returns the stream; the client owns and disposes it.</summary>
    /// <exception cref="QmpConnectionException">The connection could not be made.</exception>
    ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken);
}
