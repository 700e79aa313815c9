using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vireo.Qmp;
using Vireo.Runtime.Processes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Control;

/// <summary>Commands on a running guest: pause, resume, shutdown, destroy and raw QMP.</summary>
public static class GuestControl
{
    private static readonly TimeSpan QuitGrace = TimeSpan.FromSeconds(3);

    /// <summary>Pauses the guest's vCPUs (<c>stop</c>); returns QEMU's run state afterwards.</summary>
    public static Task<string> PauseAsync(StateDirectory state, string name, SessionOptions? options = null, CancellationToken cancellationToken = default) =>
        SimpleAsync(state, name, "stop", options, cancellationToken);

    /// <summary>Resumes the guest's vCPUs (<c>cont</c>); returns QEMU's run state afterwards.</summary>
    public static Task<string> ResumeAsync(StateDirectory state, string name, SessionOptions? options = null, CancellationToken cancellationToken = default) =>
        SimpleAsync(state, name, "cont", options, cancellationToken);

    /// <summary>Runs one QMP command and returns its <c>return</c> value.</summary>
    /// <exception cref="QmpErrorException">QEMU refused the command.</exception>
    public static async Task<JsonElement> QmpAsync(StateDirectory state, string name, string command, JsonObject? arguments, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        if (command is "qmp_capabilities")
        {
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        await using var session = await GuestSession.OpenAsync(state, name, options, cancellationToken).ConfigureAwait(false);
        if (command == "quit")
        {
            // QEMU goes away: this is a destroy, state included.
            await StopQemuAsync(session).ConfigureAwait(false);
            DomainStore.RemoveRuntimeState(session.Paths);
            return JsonDocument.Parse("{}").RootElement.Clone();
        }

        return await session.ExecuteAsync(command, arguments, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Asks the guest to power off (<c>system_powerdown</c>), waits up to
    /// <paramref name="timeout"/> for it to do so, then has QEMU quit (killing it if it does not)
    /// and removes the guest's state.
    /// </summary>
    public static async Task<ShutdownResult> ShutdownAsync(StateDirectory state, string name, TimeSpan timeout, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await using var session = await GuestSession.OpenAsync(state, name, options, cancellationToken).ConfigureAwait(false);
        var record = session.Record;
        var pid = record.Pid!.Value;
        var start = record.ProcessStartTime!.Value;

        var guestOff = await session.StatusAsync(cancellationToken).ConfigureAwait(false) == "shutdown";
        if (!guestOff)
        {
            await session.ExecuteAsync("system_powerdown", null, null, cancellationToken).ConfigureAwait(false);
            guestOff = await WaitForGuestShutdownAsync(session, timeout, cancellationToken).ConfigureAwait(false);
        }

        if (!ProcessControl.IsRunning(pid, start) && !guestOff)
        {
            DomainStore.RemoveRuntimeState(session.Paths);
            throw new RuntimeException(
                $"QEMU of domain '{name}' (pid {pid}) {ProcessControl.ExitDescription(pid) ?? "exited"} before the guest shut down; its state was removed (log: {session.Paths.LogFile})");
        }

        await StopQemuAsync(session).ConfigureAwait(false);
        DomainStore.RemoveRuntimeState(session.Paths);
        return new ShutdownResult(guestOff, clock.Elapsed);
    }

    /// <summary>
    /// Stops QEMU at once — <c>quit</c>, then SIGKILL if it does not exit — and removes the
    /// domain's socket, pid file and state. A crashed guest's stale state is removed too.
    /// </summary>
    public static async Task<DestroyResult> DestroyAsync(StateDirectory state, string name, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        options ??= new SessionOptions();
        var paths = state.Paths(name);
        if (!Directory.Exists(paths.Directory))
        {
            throw GuestSession.NotFound(state, name);
        }

        using var fileLock = state.LockDomain(name, options.LockWait);
        DomainRecord? record;
        try
        {
            record = DomainStore.ReadRecord(paths);
        }
        catch (RuntimeException)
        {
            record = null; // corrupt: nothing to stop that we can identify
        }

        var how = "crashed";
        if (record is { Pid: { } pid, ProcessStartTime: { } start } && ProcessControl.IsRunning(pid, start))
        {
            how = await QuitOrKillAsync(paths, pid, start, cancellationToken).ConfigureAwait(false);
        }

        DomainStore.RemoveRuntimeState(paths);
        return new DestroyResult(how, record?.Pid);
    }

    private static async Task<string> SimpleAsync(StateDirectory state, string name, string command, SessionOptions? options, CancellationToken cancellationToken)
    {
        await using var session = await GuestSession.OpenAsync(state, name, options, cancellationToken).ConfigureAwait(false);
        await session.ExecuteAsync(command, null, null, cancellationToken).ConfigureAwait(false);
        return await session.StatusAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> WaitForGuestShutdownAsync(GuestSession session, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await foreach (var ev in session.Client.Events.ReadAllAsync(limit.Token).ConfigureAwait(false))
            {
                if (ev.Name == "SHUTDOWN")
                {
                    return true;
                }
            }

            // The event stream ended: the connection closed, QEMU is gone.
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task StopQemuAsync(GuestSession session)
    {
        var record = session.Record;
        var pid = record.Pid!.Value;
        var start = record.ProcessStartTime!.Value;
        if (session.Client.IsConnected)
        {
            try
            {
                await session.Client.QuitAsync(QuitGrace, CancellationToken.None).ConfigureAwait(false);
            }
            catch (QmpException)
            {
                // Killed below.
            }
        }

        if (!await ProcessControl.WaitForExitAsync(pid, start, QuitGrace).ConfigureAwait(false))
        {
            await ProcessControl.KillAndWaitAsync(pid, start).ConfigureAwait(false);
        }
    }

    private static async Task<string> QuitOrKillAsync(DomainPaths paths, int pid, ulong start, CancellationToken cancellationToken)
    {
        try
        {
            var quick = TimeSpan.FromSeconds(2);
            await using var client = await MonitorConnection.ConnectAsync(paths.MonitorSocket, pid, start, quick, MonitorConnection.Options(quick, quick), cancellationToken).ConfigureAwait(false);
            await client.QuitAsync(quick, CancellationToken.None).ConfigureAwait(false);
            if (await ProcessControl.WaitForExitAsync(pid, start, QuitGrace, CancellationToken.None).ConfigureAwait(false))
            {
                return "quit";
            }
        }
        catch (Exception ex) when (ex is RuntimeException or QmpException or QemuExitedException)
        {
            // No usable monitor: kill it.
        }

        if (!ProcessControl.IsRunning(pid, start))
        {
            return "quit";
        }

        await ProcessControl.KillAndWaitAsync(pid, start).ConfigureAwait(false);
        return "killed";
    }
}
