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

    /// <summary>Asserts nothing of a guest is left: no process, socket, pid file or record.</summary>
    public void AssertNothingLeft()
    {
        Assert.Empty(Processes());
        Assert.Empty(RuntimeLeftovers());
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
