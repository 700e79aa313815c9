namespace Vireo.Fuzzing;

/// <summary>How long and how a fuzz run goes.</summary>
public sealed record FuzzOptions
{
    /// <summary>The run seed: with an input index it regenerates the input.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Stop after this many inputs (null: no count limit).</summary>
    public long? MaxInputs { get; init; }

    /// <summary>Stop after this long (null: no time limit). With neither limit the run goes until cancelled.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Worker threads (default: the processor count).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>An input that has not answered within this budget is a hang (a bug).</summary>
    public TimeSpan InputBudget { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Minimise each bug's first input (delta debugging) before reporting it.</summary>
    public bool Minimise { get; init; } = true;

    /// <summary>Where to save each bug's (minimised) input as <c>bug-HASH.xml</c>; null: not saved.</summary>
    public string? CrashesDirectory { get; init; }

    /// <summary>
    /// Also write each input to <c>CrashesDirectory/in-flight-N.xml</c> before running it, so an
    /// input that kills the process (a stack overflow) is left on disk. Slower.
    /// </summary>
    public bool Journal { get; init; }

    /// <summary>How often progress is reported.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);
}
