using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using System.Threading.Channels;

namespace Vireo.Qmp;

/// <summary>
/// An asynchronous QMP (QEMU Machine Protocol) client. It reads the greeting, negotiates
/// capabilities, then lets any number of commands run concurrently: each carries its own
/// <c>id</c> and its reply is matched by it. Events go to <see cref="Events"/>, a bounded
/// queue that drops the oldest event when full (counted in <see cref="DroppedEventCount"/>).
/// When the connection ends — the peer hangs up, a message is malformed or longer than
/// <see cref="QmpClientOptions.MaxLineBytes"/>, or the client is disposed — every pending
/// command fails with a <see cref="QmpConnectionException"/>.
/// </summary>
public sealed class QmpClient : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly string _peer;
    private readonly QmpClientOptions _options;
    private readonly ConcurrentDictionary<string, QmpPendingCommand> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<QmpEvent> _events;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<QmpGreeting> _greeting = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<QmpConnectionException> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;
    private long _droppedEvents;
    private int _closing;
    private int _disposed;
    private int _streamReleased;

    private QmpClient(Stream stream, string peer, QmpClientOptions options)
    {
        _stream = stream;
        _peer = peer;
        _options = options;
        _events = Channel.CreateBounded<QmpEvent>(
            new BoundedChannelOptions(options.EventCapacity)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
            },
            _ => Interlocked.Increment(ref _droppedEvents));
    }

    /// <summary>The greeting QEMU sent.</summary>
    public QmpGreeting Greeting { get; private set; } = new();

    /// <summary>Events, in arrival order. Completes when the connection ends.</summary>
    public ChannelReader<QmpEvent> Events => _events.Reader;

    /// <summary>Number of events dropped because the queue was full.</summary>
    public long DroppedEventCount => Interlocked.Read(ref _droppedEvents);

    /// <summary>True until the connection has ended.</summary>
    public bool IsConnected => Volatile.Read(ref _closing) == 0;

    /// <summary>Completes, with the reason, when the connection ends (never faults).</summary>
    public Task<QmpConnectionException> Closed => _closed.Task;

    /// <summary>Connects to a QMP server on a UNIX socket, reads the greeting and negotiates capabilities.</summary>
    public static Task<QmpClient> ConnectUnixAsync(string socketPath, QmpClientOptions? options = null, CancellationToken cancellationToken = default) =>
        ConnectAsync(new UnixSocketQmpTransport(socketPath), options, cancellationToken);

    /// <summary>Connects over <paramref name="transport"/>, reads the greeting and (by default) negotiates capabilities.</summary>
    /// <exception cref="QmpConnectionException">No connection, or it broke during the handshake.</exception>
    /// <exception cref="QmpTimeoutException">The connection, greeting or negotiation took too long.</exception>
    public static async Task<QmpClient> ConnectAsync(IQmpTransport transport, QmpClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transport);
        options ??= QmpClientOptions.Default;
        options.Validate();

        Stream stream;
        using (var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connectTimeout.CancelAfter(options.ConnectTimeout);
            var connecting = transport.ConnectAsync(connectTimeout.Token).AsTask();
            try
            {
                // WaitAsync bounds the wait even for a transport that ignores cancellation.
                stream = await connecting.WaitAsync(connectTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                DisposeWhenConnected(connecting);
                throw new QmpTimeoutException($"connecting to QMP at {transport.Description}", options.ConnectTimeout);
            }
            catch (OperationCanceledException)
            {
                DisposeWhenConnected(connecting);
                throw;
            }
        }

        var client = new QmpClient(stream, transport.Description, options);
        try
        {
            client._readLoop = Task.Run(client.ReadLoopAsync, CancellationToken.None);
            client.Greeting = await client.WaitAsync(client._greeting.Task, "waiting for the QMP greeting", options.GreetingTimeout, cancellationToken).ConfigureAwait(false);
            if (options.NegotiateCapabilities)
            {
                await client.ExecuteAsync("qmp_capabilities", null, cancellationToken).ConfigureAwait(false);
            }

            return client;
        }
        catch
        {
            await client.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The read loop; completed once the connection has ended and the loop has let go of the stream.</summary>
    internal Task ReadLoopTask => _readLoop;

    /// <summary>Commands waiting for their reply.</summary>
    internal int PendingCount => _pending.Count;

    /// <summary>Runs a command with the default time limit and returns its <c>return</c> value.</summary>
    /// <exception cref="QmpErrorException">QEMU answered with an error.</exception>
    /// <exception cref="QmpConnectionException">The connection is gone or broke before the reply.</exception>
    /// <exception cref="QmpTimeoutException">No reply in time.</exception>
    public Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(command, arguments, _options.CommandTimeout, cancellationToken);

    /// <summary>Runs a command with an explicit time limit and returns its <c>return</c> value.</summary>
    public async Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var id = "vireo-" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var pending = new QmpPendingCommand(command);
        _pending[id] = pending;
        try
        {
            if (!IsConnected)
            {
                throw ClosedError(command);
            }

            var payload = Frame(JsonSerializer.SerializeToUtf8Bytes(
                new QmpCommandMessage { Execute = command, Arguments = arguments, Id = id },
                QmpJsonContext.Default.QmpCommandMessage));

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (timeout != Timeout.InfiniteTimeSpan)
            {
                limit.CancelAfter(timeout);
            }

            try
            {
                await SendAsync(payload, command, limit.Token).ConfigureAwait(false);
                return await pending.Reply.Task.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && limit.IsCancellationRequested)
            {
                throw new QmpTimeoutException($"QEMU command '{command}'", timeout);
            }
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Asks QEMU to exit (<c>quit</c>). Succeeds when QEMU acknowledges or simply closes the
    /// connection; then the client is closed.
    /// </summary>
    public async Task QuitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (!IsConnected)
        {
            return;
        }

        try
        {
            await ExecuteAsync("quit", null, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpConnectionException)
        {
            // QEMU may close the socket before its reply gets out.
        }
    }

    /// <summary>Closes the connection; pending commands fail with <see cref="QmpConnectionException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Close(new QmpConnectionException($"QMP connection to {_peer} closed by the client"));
        await _stop.CancelAsync().ConfigureAwait(false);
        await ReleaseStreamAsync().ConfigureAwait(false);
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The read loop records its own failure; nothing more to report here.
        }

        _stop.Dispose();
    }

    private async Task SendAsync(byte[] payload, string command, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsConnected)
            {
                throw ClosedError(command);
            }

            var write = WriteFrameAsync(payload);
            try
            {
                // The write itself is not cancelled (that could leave half a command on the
                // wire); a caller that gives up stops waiting and the connection is dropped.
                await write.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // A half-written command leaves the stream unusable. Closing ends the read
                // loop, which releases the stream; the stuck write then fails, unobserved.
                _ = write.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                Close(new QmpConnectionException($"QMP connection to {_peer} abandoned: sending '{command}' did not complete"));
                throw;
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                var error = new QmpConnectionException($"QMP connection to {_peer} lost while sending '{command}': {ex.Message}", ex);
                Close(error);
                throw ClosedError(command);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task WriteFrameAsync(byte[] payload)
    {
        await _stream.WriteAsync(payload, CancellationToken.None).ConfigureAwait(false);
        await _stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static byte[] Frame(byte[] json)
    {
        var framed = new byte[json.Length + 1];
        json.CopyTo(framed, 0);
        framed[^1] = (byte)'\n';
        return framed;
    }

    private async Task ReadLoopAsync()
    {
        QmpConnectionException reason;
        try
        {
            var reader = new QmpLineReader(_stream, _options.MaxLineBytes);
            while (true)
            {
                var line = await reader.ReadLineAsync(_stop.Token).ConfigureAwait(false);
                if (line is not { } bytes)
                {
                    reason = new QmpConnectionException($"QMP connection to {_peer} closed by QEMU");
                    break;
                }

                if (!bytes.Span.Trim(" \t\r"u8).IsEmpty)
                {
                    Dispatch(bytes.Span);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            reason = new QmpConnectionException($"QMP connection to {_peer} closed by the client");
        }
        catch (QmpConnectionException ex)
        {
            reason = new QmpConnectionException($"QMP connection to {_peer} failed: {ex.Detail}", ex);
        }
        catch (JsonException ex)
        {
            reason = new QmpConnectionException($"QMP connection to {_peer} failed: malformed message: {ex.Message}", ex);
        }
        catch (Exception ex)
        {
            // Socket errors, a disposed stream, anything else: the connection is gone, and
            // every waiter must hear about it.
            reason = new QmpConnectionException($"QMP connection to {_peer} lost: {ex.Message}", ex);
        }

        Close(reason);

        // The connection is over whatever the reason: release the socket now, so that a peer
        // still writing (an endless line, an event flood) gets EPIPE instead of blocking, and
        // nothing waits for the owner's DisposeAsync to let go of it.
        await ReleaseStreamAsync().ConfigureAwait(false);
    }

    /// <summary>Disposes the stream, once, whoever gets there first (the read loop or <see cref="DisposeAsync"/>).</summary>
    private async ValueTask ReleaseStreamAsync()
    {
        if (Interlocked.Exchange(ref _streamReleased, 1) == 1)
        {
            return;
        }

        try
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            // Already broken or closed: nothing left to release.
        }
    }

    private void Dispatch(ReadOnlySpan<byte> line)
    {
        // QMP is UTF-8 JSON; reject anything else before it can reach a caller as a
        // JsonElement that throws only when read.
        if (!Utf8.IsValid(line))
        {
            throw new QmpConnectionException("QMP message is not valid UTF-8");
        }

        QmpIncomingMessage message;
        try
        {
            message = JsonSerializer.Deserialize(line, QmpJsonContext.Default.QmpIncomingMessage)
                ?? throw new QmpConnectionException("QMP message is not a JSON object");
        }
        catch (InvalidOperationException ex)
        {
            // e.g. a string that cannot be decoded (a lone surrogate escape).
            throw new QmpConnectionException($"malformed message: {ex.Message}", ex);
        }

        if (message.Greeting is { } greeting)
        {
            _greeting.TrySetResult(ToGreeting(greeting));
            return;
        }

        if (!_greeting.Task.IsCompleted)
        {
            throw new QmpConnectionException("QMP server did not start with a greeting");
        }

        if (message.Event is { } name)
        {
            _events.Writer.TryWrite(new QmpEvent
            {
                Name = name,
                Data = message.Data,
                Timestamp = ToTimestamp(message.Timestamp),
            });
            return;
        }

        if (message.Id is not { } idElement)
        {
            // A reply QEMU could not tie to a command (it failed to parse one of ours).
            // Nothing to complete; the command it belongs to will time out.
            return;
        }

        // Our ids are plain ASCII strings: any other id (a number, an object, an undecodable
        // string) cannot be ours, and is compared by its raw text, which never matches.
        var id = (idElement.ValueKind == JsonValueKind.String ? TryGetString(idElement) : null) ?? idElement.GetRawText();
        if (!_pending.TryGetValue(id, out var pending))
        {
            return; // a late reply to a command that timed out or was cancelled
        }

        if (message.Error is { } error)
        {
            pending.Reply.TrySetException(new QmpErrorException(pending.Command, error.Class ?? "GenericError", error.Desc ?? ""));
        }
        else if (message.Return is { } value)
        {
            pending.Reply.TrySetResult(value);
        }
        else
        {
            pending.Reply.TrySetException(new QmpConnectionException($"QMP reply to '{pending.Command}' has neither 'return' nor 'error'"));
        }
    }

    private static string? TryGetString(JsonElement element)
    {
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static void DisposeWhenConnected(Task<Stream> connecting) =>
        _ = connecting.ContinueWith(
            static t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    t.Result.Dispose();
                }
                else
                {
                    _ = t.Exception; // observed: a late failure of an abandoned connect is of no interest
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void Close(QmpConnectionException reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            return;
        }

        _closed.TrySetResult(reason);
        _greeting.TrySetException(reason);
        foreach (var entry in _pending)
        {
            entry.Value.Reply.TrySetException(new QmpConnectionException(
                $"QEMU command '{entry.Value.Command}' failed: {reason.Detail}", reason));
        }

        _events.Writer.TryComplete();

        // Stop the read loop too (when it is not the caller): it then releases the stream.
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // DisposeAsync got there first.
        }
    }

    private QmpConnectionException ClosedError(string command)
    {
        var reason = _closed.Task.IsCompleted ? _closed.Task.Result : null;
        return new QmpConnectionException(
            $"QEMU command '{command}' failed: {reason?.Detail ?? $"QMP connection to {_peer} is closed"}", reason);
    }

    private async Task<T> WaitAsync<T>(Task<T> task, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new QmpTimeoutException($"{what} from {_peer}", timeout);
        }
    }

    private static QmpGreeting ToGreeting(QmpGreetingBody body) => new()
    {
        Major = body.Version?.Qemu?.Major ?? 0,
        Minor = body.Version?.Qemu?.Minor ?? 0,
        Micro = body.Version?.Qemu?.Micro ?? 0,
        Package = body.Version?.Package ?? "",
        Capabilities = body.Capabilities is { } caps ? [.. caps] : ImmutableArray<string>.Empty,
    };

    private static DateTimeOffset ToTimestamp(QmpTimestampBody? ts)
    {
        if (ts is null || ts.Seconds < 0)
        {
            return DateTimeOffset.UnixEpoch;
        }

        var seconds = Math.Min(ts.Seconds, 253_402_300_799L); // year 9999
        return DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(Math.Clamp(ts.Microseconds, 0, 999_999) * 10);
    }
}
