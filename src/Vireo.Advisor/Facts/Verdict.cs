namespace Vireo.Advisor.Facts;

/// <summary>How a stage (or the whole chain) fares; ordered from best to worst.</summary>
public enum Verdict
{
    /// <summary>The guest has a picture at this stage.</summary>
    Ok,

    /// <summary>A picture, but late or limited (e.g. none until the OS driver loads).</summary>
    Degraded,

    /// <summary>No picture.</summary>
    Broken,
}
