using System.Globalization;
using Vireo.Probing;

namespace Vireo.Cli;

/// <summary>Command-line settings shared by the commands that probe a QEMU binary.</summary>
internal static class ProbeArgs
{
    /// <summary>Applies a time limit given in seconds (<c>--timeout</c>, <c>--probe-timeout</c>) to <paramref name="options"/>.</summary>
    public static ProbeOptions WithTimeout(ProbeOptions options, string command, string option, string? value)
    {
        if (value is null)
        {
            return options;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !(seconds > 0) || seconds > 3600)
        {
            throw new UsageException($"{command}: --{option} must be a number of seconds between 0 and 3600, not '{value}'");
        }

        return options with { Timeout = TimeSpan.FromSeconds(seconds) };
    }

    /// <summary>
    /// The full path of a QEMU binary given as a path or as a name looked up on PATH, as the
    /// prober would find it.
    /// </summary>
    public static string ResolveBinary(string command, string binary)
    {
        if (binary.Length == 0)
        {
            throw new UsageException($"{command}: empty QEMU binary name");
        }

        if (binary.Contains('/', StringComparison.Ordinal))
        {
            if (Directory.Exists(binary))
            {
                throw new UsageException($"{command}: QEMU binary '{binary}' is a directory");
            }

            return File.Exists(binary) ? Path.GetFullPath(binary) : throw new UsageException($"{command}: QEMU binary '{binary}' not found");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, binary);
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new UsageException($"{command}: QEMU binary '{binary}' not found on PATH");
    }
}
