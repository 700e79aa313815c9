using System.Diagnostics;

namespace Vireo.Probing;

/// <summary>
/// An optional recorder of when each step of a probe finished (QEMU started, monitor ready,
/// each query round, shutdown, deriving), for finding where the time goes. Thread-safe:
/// concurrent sessions mark their own steps. Pass one in <see cref="ProbeOptions.Timings"/>.
/// </summary>
public sealed class ProbeTimings
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly List<ProbeStage> _stages = [];
    private readonly Lock _lock = new();

    /// <summary>Records that <paramref name="name"/> has just finished.</summary>
    public void Mark(string name)
    {
        lock (_lock)
        {
            _stages.Add(new ProbeStage(name, Stopwatch.GetElapsedTime(_origin)));
        }
    }

    /// <summary>The steps recorded so far, in the order they finished.</summary>
    public IReadOnlyList<ProbeStage> Stages
    {
        get
        {
            lock (_lock)
            {
                return [.. _stages];
            }
        }
    }
}
