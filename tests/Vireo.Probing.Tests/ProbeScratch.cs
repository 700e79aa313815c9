namespace Vireo.Probing.Tests;

/// <summary>
/// A temporary directory a probe test hands to <see cref="ProbeOptions.TempDirectory"/>, and
/// the leak checks: afterwards the directory must be empty (no socket directory left) and no
/// process may mention it or be an unreaped child.
/// </summary>
internal sealed class ProbeScratch : IDisposable
{
    private readonly HashSet<int> _childrenBefore = ProcessTable.Children();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vireo-pt-").FullName;

    public void AssertNothingLeft()
    {
        Assert.Empty(System.IO.Directory.EnumerateFileSystemEntries(Directory));
        Assert.Empty(ProcessTable.WithArgument(Directory));
        var newChildren = ProcessTable.Children();
        newChildren.ExceptWith(_childrenBefore);
        Assert.Empty(newChildren);
    }

    /// <summary>An executable script standing in for QEMU (run directly, not through a shell command line).</summary>
    public string Script(string name, string body)
    {
        var path = Path.Combine(System.IO.Directory.GetParent(Directory)!.FullName, Path.GetFileName(Directory) + "-" + name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }

    public void Dispose()
    {
        foreach (var script in System.IO.Directory.EnumerateFiles(System.IO.Directory.GetParent(Directory)!.FullName, Path.GetFileName(Directory) + "-*"))
        {
            File.Delete(script);
        }

        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
