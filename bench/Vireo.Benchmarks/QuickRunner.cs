using System.Diagnostics;
using System.Globalization;

namespace Vireo.Benchmarks;

/// <summary>
/// A fast, rough measurement (Stopwatch, median of repeated runs, allocated bytes of the
/// current thread) of the same cases the BenchmarkDotNet suite runs; for iterating on fixes,
/// not for the published figures.
/// </summary>
public static class QuickRunner
{
    public static int Run(TextWriter output, string filter, double seconds = 1)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pipeline = new DomainPipeline();
        var cases = SmallDomainBenchmarks.Domains.Select(d => (Name: d, Xml: SmallDomains.Load(d)))
            .Concat(ScaleCase.All.Select(c => (Name: c.ToString(), Xml: ScaledDomain.Generate(c.Disks, c.Nics))))
            .Where(c => filter.Length == 0 || c.Name.Contains(filter, StringComparison.Ordinal));
        output.WriteLine("case\tmedian_us\tmin_us\talloc_KB\tstages (min us: parse/prepare/build/render)\tstages KB");
        foreach (var (name, xml) in cases)
        {
            _ = pipeline.XmlToArgs(xml);
            var budget = Stopwatch.StartNew();
            var times = new List<double>();
            long allocated = 0;
            while (times.Count < 5 || (budget.Elapsed < TimeSpan.FromSeconds(seconds) && times.Count < 2000))
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                _ = pipeline.XmlToArgs(xml);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }

            times.Sort();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}\t{times[times.Count / 2]:F1}\t{times[0]:F1}\t{allocated / 1024.0:F1}\t{Stages(pipeline, xml)}"));
        }

        return 0;
    }

    /// <summary>Minimum time (µs) and allocation (KB) of each stage over a few runs, "parse/prepare/build/render".</summary>
    private static string Stages(DomainPipeline pipeline, string xml)
    {
        var best = new[] { double.MaxValue, double.MaxValue, double.MaxValue, double.MaxValue };
        var kb = new double[4];
        for (var i = 0; i < 5; i++)
        {
            var a = GC.GetAllocatedBytesForCurrentThread();
            var t = Stopwatch.GetTimestamp();
            var parsed = DomainPipeline.Parse(xml);
            best[0] = Math.Min(best[0], Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            kb[0] = (GC.GetAllocatedBytesForCurrentThread() - a) / 1024.0;
            var host = pipeline.HostFor(parsed);
            a = GC.GetAllocatedBytesForCurrentThread();
            t = Stopwatch.GetTimestamp();
            var prepared = pipeline.Prepare(parsed, host);
            best[1] = Math.Min(best[1], Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            kb[1] = (GC.GetAllocatedBytesForCurrentThread() - a) / 1024.0;
            a = GC.GetAllocatedBytesForCurrentThread();
            t = Stopwatch.GetTimestamp();
            var cmd = pipeline.Build(prepared, host);
            best[2] = Math.Min(best[2], Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            kb[2] = (GC.GetAllocatedBytesForCurrentThread() - a) / 1024.0;
            a = GC.GetAllocatedBytesForCurrentThread();
            t = Stopwatch.GetTimestamp();
            _ = DomainPipeline.Render(cmd);
            best[3] = Math.Min(best[3], Stopwatch.GetElapsedTime(t).TotalMicroseconds);
            kb[3] = (GC.GetAllocatedBytesForCurrentThread() - a) / 1024.0;
        }

        return string.Join('/', best.Select(b => b.ToString("F0", CultureInfo.InvariantCulture)))
            + "\t" + string.Join('/', kb.Select(b => b.ToString("F1", CultureInfo.InvariantCulture)));
    }
}
