using System.Collections.Immutable;

namespace Vireo.Fuzzing;

/// <summary>The result of a fuzz run.</summary>
public sealed record FuzzReport
{
    /// <summary>The run seed.</summary>
    public ulong Seed { get; init; }

    /// <summary>Where the seeds came from, and how many.</summary>
    public string SeedDescription { get; init; } = "";

    /// <summary>Inputs run.</summary>
    public long Inputs { get; init; }

    /// <summary>Wall-clock time of the run (without minimisation).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Inputs answered OK (command line and XML produced).</summary>
    public long Ok { get; init; }

    /// <summary>Inputs refused with a documented error, by the phase that refused.</summary>
    public ImmutableSortedDictionary<string, long> RefusedByPhase { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    /// <summary>Inputs refused, all phases.</summary>
    public long Refused => RefusedByPhase.Values.Sum();

    /// <summary>Inputs that showed a bug.</summary>
    public long BugInputs { get; init; }

    /// <summary>Distinct bugs.</summary>
    public ImmutableArray<FuzzBug> Bugs { get; init; } = [];

    /// <summary>Inputs per second.</summary>
    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
}
