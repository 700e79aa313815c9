using System.Globalization;

namespace Vireo.Probing.Tests;

/// <summary>Linux /proc inspection, to prove a probe leaves no process behind.</summary>
internal static class ProcessTable
{
    public static bool Available => Directory.Exists("/proc/self");

    /// <summary>Pids of this process's direct children, live or zombie (not yet reaped).</summary>
    public static HashSet<int> Children()
    {
        var self = Environment.ProcessId;
        var children = new HashSet<int>();
        foreach (var (pid, ppid) in All())
        {
            if (ppid == self)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>Pids of processes whose command line contains <paramref name="needle"/>.</summary>
    public static List<int> WithArgument(string needle)
    {
        var found = new List<int>();
        foreach (var (pid, _) in All())
        {
            try
            {
                var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
                if (cmdline.Contains(needle, StringComparison.Ordinal) && pid != Environment.ProcessId)
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    private static IEnumerable<(int Pid, int ParentPid)> All()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid))
            {
                yield return (pid, ppid);
            }
        }
    }
}
