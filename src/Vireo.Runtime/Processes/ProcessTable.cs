using System.Globalization;

namespace Vireo.Runtime.Processes;

/// <summary>Reads processes from Linux's <c>/proc</c>; every read tolerates the process vanishing meanwhile.</summary>
public static class ProcessTable
{
    /// <summary>The process, or null when no such process exists.</summary>
    public static ProcessInfo? Read(int pid)
    {
        if (pid <= 0)
        {
            return null;
        }

        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
        //  utime stime cutime cstime priority nice threads itrealvalue starttime ..."; comm may
        // hold spaces and parentheses, so fields are counted from the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 20
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ppid)
            || !ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return null;
        }

        var group = int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pgrp) ? pgrp : 0;
        return new ProcessInfo(pid, fields[0].Length > 0 ? fields[0][0] : '?', ppid, start, group);
    }

    /// <summary>True when process <paramref name="pid"/> runs and is the one that started at <paramref name="startTime"/>.</summary>
    public static bool IsAlive(int pid, ulong startTime) =>
        Read(pid) is { IsRunning: true } p && p.StartTime == startTime;

    /// <summary>The process's arguments (empty when it is gone or a zombie).</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            var text = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/cmdline");
            if (text.Length == 0)
            {
                return [];
            }

            return text.TrimEnd('\0').Split('\0');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Running (not zombie) processes whose command line mentions <paramref name="needle"/>.</summary>
    public static IReadOnlyList<int> FindRunning(string needle)
    {
        var found = new List<int>();
        IEnumerable<string> dirs;
        try
        {
            dirs = Directory.EnumerateDirectories("/proc");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return found;
        }

        foreach (var dir in dirs)
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            if (Read(pid) is { IsRunning: true } && CommandLine(pid).Any(a => a.Contains(needle, StringComparison.Ordinal)))
            {
                found.Add(pid);
            }
        }

        return found;
    }
}
