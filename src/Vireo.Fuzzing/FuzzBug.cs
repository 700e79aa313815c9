namespace Vireo.Fuzzing;

/// <summary>One distinct bug (by signature) found in a run.</summary>
public sealed record FuzzBug
{
    /// <summary>Phase, exception type and throw site (or "hang in PHASE").</summary>
    public required string Signature { get; init; }

    /// <summary>The exception type and message of the first occurrence.</summary>
    public required string Error { get; init; }

    /// <summary>The first input that showed it.</summary>
    public required FuzzInput Input { get; init; }

    /// <summary>The capabilities variant it ran with.</summary>
    public long Variant { get; init; }

    /// <summary>How many inputs showed it.</summary>
    public long Occurrences { get; init; } = 1;

    /// <summary>True for a hang (no answer within the budget).</summary>
    public bool IsHang { get; init; }

    /// <summary>The minimised input that still shows it (null when not minimised).</summary>
    public byte[]? Minimised { get; init; }

    /// <summary>Where the input was saved, if it was.</summary>
    public string? SavedPath { get; init; }
}
