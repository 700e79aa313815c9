using Vireo.Domain.Errors;

namespace Vireo.Runtime.Control;

/// <summary>QEMU is no longer running (it exited, crashed or was killed) while Vireo needed it.</summary>
public sealed class QemuExitedException : Domain.Errors.VireoException
{
    public QemuExitedException(int pid, string? how, string? context = null)
        : base(ErrorKind.OperationFailed, Describe(pid, how, context))
    {
        Pid = pid;
        How = how;
    }

    /// <summary>The QEMU process id.</summary>
    public int Pid { get; }

    /// <summary>"exited with status 1", "killed by signal 9 (SIGKILL)", or null when unknown (not our child).</summary>
    public string? How { get; }

    private static string Describe(int pid, string? how, string? context) =>
        $"QEMU (pid {pid}) {how ?? "has exited"}{(context is null ? "" : " " + context)}";
}
