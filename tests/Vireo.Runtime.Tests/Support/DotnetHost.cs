using System.Diagnostics;

namespace Vireo.Runtime.Tests.Support;

/// <summary>Runs the programs built next to the tests (<c>vireo.dll</c>, helpers) under the <c>dotnet</c> host.</summary>
internal static class DotnetHost
{
    /// <summary>DOTNET_HOST_PATH if it names a file, else the first <c>dotnet</c> on PATH, else plain "dotnet".</summary>
    public static string Path { get; } = Find();

    /// <summary>
    /// Starts <paramref name="dll"/> with <paramref name="args"/>, standard output and error
    /// redirected; with <paramref name="closeInput"/>, standard input is an already closed pipe.
    /// </summary>
    public static Process Start(string dll, bool closeInput, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = closeInput,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + System.IO.Path.GetFileName(dll));
        if (closeInput)
        {
            process.StandardInput.Close();
        }

        return process;
    }

    private static string Find()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(dir, "dotnet");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return "dotnet";
    }
}
