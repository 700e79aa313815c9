using Vireo.Runtime.Processes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Tests.Support;

/// <summary>
/// A fresh state directory under /tmp (short, for UNIX socket paths), and the leak check:
/// no running process mentions it, no socket or pid file is left. Disposal kills whatever a
/// failed test left running there and removes the directory.
/// </summary>
internal sealed class TempState : IDisposable
{
    public TempState()
    {
        // Under /tmp rather than $TMPDIR: UNIX socket paths must stay under 108 bytes.
        Root = (Directory.Exists("/tmp") ? Directory.CreateDirectory(Path.Combine("/tmp", "vrt-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal))) : Directory.CreateTempSubdirectory("vrt-")).FullName;
        State = new StateDirectory(Root);
    }

    public string Root { get; }

    public StateDirectory State { get; }

    /// <summary>Running (not zombie) processes whose command line mentions this directory.</summary>
    public IReadOnlyList<int> Processes() => ProcessTable.FindRunning(Root);

    /// <summary>Sockets and pid files left anywhere in the directory.</summary>
    public IReadOnlyList<string> RuntimeLeftovers() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".sock", StringComparison.Ordinal) || f.EndsWith(".pid", StringComparison.Ordinal) || f.EndsWith("domain.json", StringComparison.Ordinal))];

    /// <summary>
    /// Asserts nothing of a guest is left: no process, socket, pid file or record — and no
    /// unreaped QEMU child of this process (a zombie; given 2 s, since exits race with reaping).
    /// </summary>
    public void AssertNothingLeft()
    {
        Assert.Empty(Processes());
        Assert.Empty(RuntimeLeftovers());
        for (var i = 0; i < 40 && QemuZombies().Count > 0; i++)
        {
            Thread.Sleep(50);
        }

        Assert.Empty(QemuZombies());
    }

    /// <summary>QEMU processes that are zombie children of this test process.</summary>
    public static IReadOnlyList<int> QemuZombies()
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                if (stat[(open + 1)..close].StartsWith("qemu-system", StringComparison.Ordinal)
                    && fields[0] == "Z"
                    && fields[1] == Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    found.Add(int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentOutOfRangeException)
            {
                // Not a process, or gone meanwhile.
            }
        }

        return found;
    }

    public void Dispose()
    {
        foreach (var pid in Processes())
        {
            if (ProcessTable.Read(pid) is { } p)
            {
                ProcessControl.Kill(pid, p.StartTime);
                _ = ProcessControl.WaitForExitAsync(pid, p.StartTime, TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test that made it undeletable cleans up after itself.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
