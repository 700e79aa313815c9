using System.Diagnostics.Tracing;
using System.Globalization;

namespace Vireo.Benchmarks;

/// <summary>
/// Samples the runtime's allocation ticks (one event per ~100 KB allocated, naming the type
/// whose allocation crossed the threshold) while a case runs in a loop, and prints the
/// types by sampled bytes: where the allocations of a case go, without a profiler.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    private readonly object gate = new();
    private bool active;

    /// <summary>Runs <paramref name="action"/> <paramref name="iterations"/> times and prints the sampled types.</summary>
    public static void Run(TextWriter output, string name, Action action, int iterations)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(action);
        using var sampler = new AllocationSampler();
        action();
        sampler.active = true;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        var perIteration = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)iterations;
        sampler.active = false;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {perIteration / 1024:F1} KB per iteration; sampled types:"));
        List<KeyValuePair<string, long>> rows;
        long total;
        lock (sampler.gate)
        {
            rows = [.. sampler.bytesByType.OrderByDescending(kv => kv.Value).Take(30)];
            total = sampler.bytesByType.Values.Sum();
        }

        foreach (var (type, bytes) in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / Math.Max(1, total),5:F1}%  {type}"));
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!active || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var names = eventData.PayloadNames ?? [];
        var typeAt = names.IndexOf("TypeName");
        var amountAt = names.IndexOf("AllocationAmount64");
        if (typeAt < 0)
        {
            return;
        }

        var type = eventData.Payload[typeAt] as string ?? "?";
        var amount = amountAt >= 0 ? Convert.ToInt64(eventData.Payload[amountAt], CultureInfo.InvariantCulture) : 100_000;
        lock (gate)
        {
            bytesByType[type] = bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
