using System.Collections.Concurrent;
using System.Globalization;

namespace Vireo.Runtime.Processes;

/// <summary>
/// Waits for, reaps and kills processes identified by pid and start time, so that a
/// reused pid is never mistaken for (or killed as) the QEMU that once had it.
/// </summary>
public static class ProcessControl
{
    // Exit descriptions of children this process has reaped (waitpid returns them only once).
    private static readonly ConcurrentDictionary<int, string> Reaped = new();

    /// <summary>
    /// When <paramref name="pid"/> is an exited child of this process, reaps it (so no zombie
    /// remains) and returns how it ended ("exited with status 1", "killed by signal 9");
    /// otherwise null.
    /// </summary>
    public static string? TryReap(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        var r = Libc.WaitPid(pid, out var status, Libc.WNOHANG);
        if (r == pid)
        {
            var text = Describe(status);
            Reaped[pid] = text;
            return text;
        }

        return Reaped.TryGetValue(pid, out var earlier) ? earlier : null;
    }

    /// <summary>How a reaped child of this process ended, if it was reaped here.</summary>
    public static string? ExitDescription(int pid) => TryReap(pid);

    /// <summary>True while the process runs (reaping it first when it is an exited child of ours).</summary>
    public static bool IsRunning(int pid, ulong startTime)
    {
        _ = TryReap(pid);
        if (ProcessTable.IsAlive(pid, startTime))
        {
            return true;
        }

        // It may have died between the two looks, and a dying process is not waitable for a
        // moment: reap it once it is (only if it is that process), so no zombie stays behind.
        if (ProcessTable.Read(pid) is not { } p || p.StartTime == startTime)
        {
            ReapWhenWaitable(pid);
        }

        return false;
    }

    private static void ReapWhenWaitable(int pid)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var r = Libc.WaitPid(pid, out var status, Libc.WNOHANG);
            if (r == pid)
            {
                Reaped[pid] = Describe(status);
                return;
            }

            if (r != 0)
            {
                return; // not our child, or already reaped
            }

            Thread.Sleep(1);
        }
    }

    /// <summary>Waits until the process is no longer running; false when it still runs after <paramref name="timeout"/>.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, ulong startTime, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var delay = TimeSpan.FromMilliseconds(5);
        while (IsRunning(pid, startTime))
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }

        return true;
    }

    /// <summary>
    /// Sends SIGKILL to the process and its process group (QEMU leads its own session, so
    /// helpers it forked go too) — only while the pid still belongs to the process that
    /// started at <paramref name="startTime"/>.
    /// </summary>
    public static void Kill(int pid, ulong startTime)
    {
        if (ProcessTable.Read(pid) is not { IsRunning: true } process || process.StartTime != startTime)
        {
            return;
        }

        if (process.IsGroupLeader)
        {
            _ = Libc.Kill(-pid, Libc.SIGKILL);
        }

        _ = Libc.Kill(pid, Libc.SIGKILL);
    }

    /// <summary>Kills the process if it still runs and waits (up to 10 s) until it is gone.</summary>
    public static async Task KillAndWaitAsync(int pid, ulong startTime)
    {
        Kill(pid, startTime);
        if (!await WaitForExitAsync(pid, startTime, TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false))
        {
            throw new RuntimeException($"process {pid.ToString(CultureInfo.InvariantCulture)} did not die after SIGKILL");
        }
    }

    private static string Describe(int status)
    {
        var signal = status & 0x7f;
        if (signal == 0)
        {
            return "exited with status " + ((status >> 8) & 0xff).ToString(CultureInfo.InvariantCulture);
        }

        return "killed by signal " + signal.ToString(CultureInfo.InvariantCulture) + (signal switch
        {
            Libc.SIGKILL => " (SIGKILL)",
            Libc.SIGTERM => " (SIGTERM)",
            6 => " (SIGABRT)",
            11 => " (SIGSEGV)",
            _ => "",
        });
    }
}
