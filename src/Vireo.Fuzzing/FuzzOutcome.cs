namespace Vireo.Fuzzing;

/// <summary>The answer to one input.</summary>
/// <param name="Kind">OK, refused or bug.</param>
/// <param name="Phase">The pipeline phase that answered (<see cref="FuzzPhases"/>).</param>
/// <param name="Signature">For a bug: phase, exception type and the first Vireo frame; equal signatures are one bug.</param>
/// <param name="Error">For a bug: the exception type and message.</param>
public sealed record FuzzOutcome(OutcomeKind Kind, string Phase, string? Signature = null, string? Error = null);
