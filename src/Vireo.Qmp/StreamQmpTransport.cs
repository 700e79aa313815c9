namespace Vireo.Qmp;

/// <summary>Uses an already-open duplex stream (a socket pair, a test pipe). It can be connected once.</summary>
public sealed class StreamQmpTransport : IQmpTransport
{
    private Stream? _stream;

    public StreamQmpTransport(Stream stream, string description = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        Description = description;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stream = Interlocked.Exchange(ref _stream, null)
            ?? throw new QmpConnectionException($"{Description}: the stream was already used by another client");
        return ValueTask.FromResult(stream);
    }
}
