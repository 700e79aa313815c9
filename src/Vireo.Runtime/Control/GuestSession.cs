using System.Text.Json;
using System.Text.Json.Nodes;
using Vireo.Qmp;
using Vireo.Runtime.Processes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Control;

/// <summary>
/// A command's hold on a running guest: the domain's lock (QEMU's monitor takes one client
/// at a time, and state changes must not interleave), its record and a connected QMP
/// client. Every failure says whether QEMU is gone or just not answering.
/// </summary>
public sealed class GuestSession : IAsyncDisposable
{
    private readonly FileLock _lock;

    private GuestSession(StateDirectory state, DomainPaths paths, DomainRecord record, FileLock fileLock, QmpClient client)
    {
        State = state;
        Paths = paths;
        Record = record;
        _lock = fileLock;
        Client = client;
    }

    /// <summary>The state directory.</summary>
    public StateDirectory State { get; }

    /// <summary>The domain's files.</summary>
    public DomainPaths Paths { get; }

    /// <summary>The domain's record as read under the lock.</summary>
    public DomainRecord Record { get; private set; }

    /// <summary>The connected monitor.</summary>
    public QmpClient Client { get; }

    /// <summary>QEMU's pid.</summary>
    public int Pid => Record.Pid ?? 0;

    /// <summary>True while QEMU runs.</summary>
    public bool IsQemuRunning => Record is { Pid: { } pid, ProcessStartTime: { } start } && ProcessControl.IsRunning(pid, start);

    /// <summary>Opens a session on a running guest.</summary>
    /// <exception cref="RuntimeException">No such domain, it is busy, crashed or does not answer.</exception>
    public static async Task<GuestSession> OpenAsync(StateDirectory state, string name, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        options ??= new SessionOptions();
        var paths = state.Paths(name);
        if (DomainStore.ReadRecord(paths) is null)
        {
            throw NotFound(state, name);
        }

        var fileLock = state.LockDomain(name, options.LockWait);
        try
        {
            var record = DomainStore.ReadRecord(paths) ?? throw NotFound(state, name);
            if (record is not { Pid: { } pid, ProcessStartTime: { } start })
            {
                throw new RuntimeException($"domain '{name}' is not running: its start did not complete; 'vireo destroy {name}' clears its state");
            }

            if (!ProcessControl.IsRunning(pid, start))
            {
                throw Crashed(paths, record);
            }

            QmpClient client;
            try
            {
                client = await MonitorConnection.ConnectAsync(paths.MonitorSocket, pid, start, options.ConnectTimeout,
                    MonitorConnection.Options(options.ConnectTimeout, options.CommandTimeout), cancellationToken).ConfigureAwait(false);
            }
            catch (QemuExitedException)
            {
                throw Crashed(paths, record);
            }

            return new GuestSession(state, paths, record, fileLock, client);
        }
        catch
        {
            fileLock.Dispose();
            throw;
        }
    }

    /// <summary>Runs a QMP command; a dropped connection is reported as QEMU's death when QEMU is gone.</summary>
    public async Task<JsonElement> ExecuteAsync(string command, JsonObject? arguments = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return timeout is { } t
                ? await Client.ExecuteAsync(command, arguments, t, cancellationToken).ConfigureAwait(false)
                : await Client.ExecuteAsync(command, arguments, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpConnectionException ex)
        {
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            if (!IsQemuRunning)
            {
                throw ExitedDuring(command, ex);
            }

            throw;
        }
    }

    /// <summary>The QEMU run state (<c>running</c>, <c>paused</c>, <c>shutdown</c>...).</summary>
    public async Task<string> StatusAsync(CancellationToken cancellationToken = default)
    {
        var reply = await ExecuteAsync("query-status", null, null, cancellationToken).ConfigureAwait(false);
        return reply.TryGetProperty("status", out var s) ? s.GetString() ?? "unknown" : "unknown";
    }

    /// <summary>Replaces the record (atomically on disk).</summary>
    public void UpdateRecord(DomainRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        DomainStore.WriteRecord(Paths, record);
        Record = record;
    }

    /// <summary>The error for QEMU dying while <paramref name="command"/> ran.</summary>
    public RuntimeException ExitedDuring(string command, Exception? inner = null)
    {
        var how = ProcessControl.ExitDescription(Pid) ?? "exited";
        return new RuntimeException(
            $"QEMU of domain '{Paths.Name}' (pid {Pid}) {how} during '{command}'; 'vireo list' shows it as crashed and 'vireo destroy {Paths.Name}' clears its state (log: {Paths.LogFile})", inner);
    }

    /// <summary>Closes the connection and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Client.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _lock.Dispose();
        }
    }

    internal static RuntimeException NotFound(StateDirectory state, string name) =>
        new($"domain '{name}' is not running (no state for it in '{state.Root}')");

    internal static RuntimeException Crashed(DomainPaths paths, DomainRecord record)
    {
        var how = record.Pid is { } pid ? ProcessControl.ExitDescription(pid) : null;
        return new RuntimeException(
            $"domain '{paths.Name}' is not running: its QEMU (pid {record.Pid}) {how ?? "has exited"}; 'vireo destroy {paths.Name}' clears its state (log: {paths.LogFile})");
    }
}
