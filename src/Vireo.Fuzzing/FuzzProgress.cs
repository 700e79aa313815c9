namespace Vireo.Fuzzing;

/// <summary>A progress report during a run.</summary>
/// <param name="Inputs">Inputs run so far.</param>
/// <param name="Elapsed">Time since the run started.</param>
/// <param name="Ok">Inputs answered OK.</param>
/// <param name="Refused">Inputs refused with a documented error.</param>
/// <param name="BugInputs">Inputs that showed a bug.</param>
/// <param name="UniqueBugs">Distinct bugs.</param>
public sealed record FuzzProgress(long Inputs, TimeSpan Elapsed, long Ok, long Refused, long BugInputs, int UniqueBugs)
{
    /// <summary>Inputs per second so far.</summary>
    public double InputsPerSecond => Elapsed.TotalSeconds > 0 ? Inputs / Elapsed.TotalSeconds : 0;
}
