namespace Vireo.Runtime.Processes;

/// <summary>One process as <c>/proc/PID/stat</c> shows it.</summary>
/// <param name="Pid">Process id.</param>
/// <param name="State">State letter: R, S, D, T, Z (zombie), X (dead)...</param>
/// <param name="ParentPid">Parent process id.</param>
/// <param name="StartTime">Start time in clock ticks after boot: with the pid, identifies the process (pids are reused).</param>
public sealed record ProcessInfo(int Pid, char State, int ParentPid, ulong StartTime)
{
    /// <summary>True unless the process has exited and only its zombie entry remains.</summary>
    public bool IsRunning => State is not ('Z' or 'X' or 'x');
}
