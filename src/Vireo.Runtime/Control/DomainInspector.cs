using Vireo.Qmp;
using Vireo.Runtime.Processes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Control;

/// <summary>
/// Tells live guests from dead ones without disturbing them: the recorded pid must belong
/// to the same process (start time) and not be a zombie; then, if no other command holds
/// the domain, the monitor must answer <c>query-status</c> within a short limit.
/// </summary>
public static class DomainInspector
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Every domain with state in the directory, by name.</summary>
    public static async Task<IReadOnlyList<DomainStatus>> ListAsync(StateDirectory state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var names = state.DomainNames();
        var results = await Task.WhenAll(names.Select(n => InspectAsync(state, n, cancellationToken))).ConfigureAwait(false);
        return [.. results.OfType<DomainStatus>()];
    }

    /// <summary>One domain's status, or null when it has no state.</summary>
    public static async Task<DomainStatus?> InspectAsync(StateDirectory state, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var paths = state.Paths(name);
        DomainRecord? record;
        try
        {
            record = DomainStore.ReadRecord(paths);
        }
        catch (RuntimeException ex)
        {
            return new DomainStatus(name, null, null, GuestState.Corrupt, null, ex.Detail);
        }

        if (record is null)
        {
            return null;
        }

        if (record is not { Pid: { } pid, ProcessStartTime: { } start })
        {
            using var probe = state.TryLockDomain(name);
            return probe is null
                ? new DomainStatus(name, record.Id, null, GuestState.Starting, null, null)
                : new DomainStatus(name, record.Id, null, GuestState.Crashed, null, "its start was interrupted before QEMU ran");
        }

        if (!ProcessControl.IsRunning(pid, start))
        {
            var how = ProcessControl.ExitDescription(pid);
            return new DomainStatus(name, record.Id, pid, GuestState.Crashed, null, $"QEMU (pid {pid}) {how ?? "is gone"}");
        }

        using var held = state.TryLockDomain(name);
        if (held is null)
        {
            return new DomainStatus(name, record.Id, pid, record.Phase == DomainPhase.Ready ? GuestState.Busy : GuestState.Starting, null, null);
        }

        if (!File.Exists(paths.MonitorSocket))
        {
            return new DomainStatus(name, record.Id, pid, GuestState.Unresponsive, null, $"its monitor socket '{paths.MonitorSocket}' is missing");
        }

        try
        {
            await using var client = await MonitorConnection.ConnectAsync(paths.MonitorSocket, pid, start, ProbeTimeout,
                MonitorConnection.Options(ProbeTimeout, ProbeTimeout), cancellationToken).ConfigureAwait(false);
            var reply = await client.ExecuteAsync("query-status", null, ProbeTimeout, cancellationToken).ConfigureAwait(false);
            var status = reply.TryGetProperty("status", out var s) ? s.GetString() : null;
            return new DomainStatus(name, record.Id, pid, GuestState.Live, status, null);
        }
        catch (QemuExitedException ex)
        {
            return new DomainStatus(name, record.Id, pid, GuestState.Crashed, null, ex.Detail);
        }
        catch (Exception ex) when (ex is RuntimeException or QmpException)
        {
            if (!ProcessControl.IsRunning(pid, start))
            {
                return new DomainStatus(name, record.Id, pid, GuestState.Crashed, null, $"QEMU (pid {pid}) is gone");
            }

            return new DomainStatus(name, record.Id, pid, GuestState.Unresponsive, null, $"its monitor does not answer: {((Domain.Errors.VireoException)ex).Detail}");
        }
    }
}
