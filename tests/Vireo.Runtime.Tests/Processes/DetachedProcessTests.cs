using Vireo.Runtime.Processes;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.Processes;

public class DetachedProcessTests
{
    [Fact]
    public async Task Runs_in_its_own_session_with_output_in_the_log_and_only_the_given_environment()
    {
        QemuHosts.RequireFile("/bin/sh");
        using var temp = new TempState();
        var log = Path.Combine(temp.Root, "out.log");
        var pid = DetachedProcess.Spawn(new SpawnRequest
        {
            Executable = "/bin/sh",
            Arguments = ["-c", "echo out; echo err >&2; echo \"V=$V HOME=${HOME:-none}\"; cat /proc/self/stat | cut -d' ' -f6; echo fds; ls /proc/$$/fd; read x || echo eof; exec sleep 30", temp.Root],
            Environment = [new("V", "1")],
            OutputPath = log,
        });
        var info = ProcessTable.Read(pid)!;
        try
        {
            await WaitForAsync(() => File.Exists(log) && File.ReadAllText(log).Contains("eof", StringComparison.Ordinal));
            var text = File.ReadAllText(log);
            Assert.Contains("out\n", text);
            Assert.Contains("err\n", text);
            Assert.Contains("V=1 HOME=none", text);
            Assert.Contains($"\n{pid}\n", "\n" + text); // session id = its own pid (setsid)
            Assert.Contains("fds\n0\n1\n2\n", text); // no descriptor inherited beyond stdio
            Assert.True(ProcessControl.IsRunning(pid, info.StartTime));
        }
        finally
        {
            await ProcessControl.KillAndWaitAsync(pid, info.StartTime);
        }

        Assert.False(ProcessControl.IsRunning(pid, info.StartTime));
        Assert.Null(ProcessTable.Read(pid)); // reaped: no zombie left

        // Known when this process reaped it; a host that ignores SIGCHLD has .NET reap every child first.
        Assert.Contains(ProcessControl.ExitDescription(pid), new[] { "killed by signal 9 (SIGKILL)", null });
    }

    [Fact]
    public void A_missing_program_is_a_clear_error()
    {
        using var temp = new TempState();
        var ex = Assert.Throws<RuntimeException>(() => DetachedProcess.Spawn(new SpawnRequest
        {
            Executable = "/nonexistent/qemu",
            OutputPath = Path.Combine(temp.Root, "log"),
        }));
        Assert.Contains("cannot start '/nonexistent/qemu'", ex.Message);
    }

    [Fact]
    public void A_reused_pid_is_not_mistaken_for_the_process()
    {
        var self = ProcessTable.Read(Environment.ProcessId)!;
        Assert.True(ProcessTable.IsAlive(self.Pid, self.StartTime));
        Assert.False(ProcessTable.IsAlive(self.Pid, self.StartTime + 1));
        ProcessControl.Kill(self.Pid, self.StartTime + 1); // must not kill us
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
