using System.Diagnostics;
using System.Globalization;
using Vireo.Probing;

namespace Vireo.Cli;

/// <summary>
/// Prints the steps of a probe (<c>vireo probe --timings</c>) to stderr: when each finished,
/// in milliseconds since the probe began, and how long it took since the previous step of
/// the same QEMU (or, for steps of no QEMU, since the previous step at all).
/// </summary>
internal static class ProbeTimingsReport
{
    public static void Write(ProbeTimings timings, TextWriter stderr)
    {
        var startup = DateTime.Now - Process.GetCurrentProcess().StartTime - timings.Stages[^1].At;
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timings: {startup.TotalMilliseconds,8:0.0} ms  process start to probe start (runtime start-up, argument checks)"));
        var previous = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var last = TimeSpan.Zero;
        foreach (var stage in timings.Stages)
        {
            var colon = stage.Name.IndexOf(": ", StringComparison.Ordinal);
            var who = colon > 0 ? stage.Name[..colon] : "";
            var since = who.Length > 0 && previous.TryGetValue(who, out var p) ? p : who.Length > 0 ? TimeSpan.Zero : last;
            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture, $"timings: {stage.At.TotalMilliseconds,8:0.0} ms  (+{(stage.At - since).TotalMilliseconds,6:0.0})  {stage.Name}"));
            if (who.Length > 0)
            {
                previous[who] = stage.At;
            }

            last = stage.At;
        }
    }
}
