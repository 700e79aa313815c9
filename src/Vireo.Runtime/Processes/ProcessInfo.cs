namespace Vireo.Runtime.Processes;

/// <summary>One process as <c>/proc/PID/stat</c> shows it.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="State">State letter: R, S, D, T, Z (zombie), X (dead)...</param>
/// <param name="ParentPid">Parent process id.</param>
/// <param name="StartTime">Start time in clock ticks after boot: with the pid, identifies the process (pids are reused).</param>
/// <param name="ProcessGroup">Process group id (0 when unreadable).</param>
public sealed record ProcessInfo(int Pid, char State, int ParentPid, ulong StartTime, int ProcessGroup)
{
    /// <summary>True when the process leads its own process group.</summary>
    public bool IsGroupLeader => ProcessGroup == Pid;

    /// <summary>True unless the process has exited and only its zombie entry remains.</summary>
    public bool IsRunning => State is not ('Z' or 'X' or 'x');
}
