namespace Vireo.Cli.Tests;

/// <summary>A private temporary directory, removed with everything in it.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("vireo-cli-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>An executable shell script standing in for a QEMU binary.</summary>
    public string Script(string name, string body)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
