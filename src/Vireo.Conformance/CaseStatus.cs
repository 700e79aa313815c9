namespace Vireo.Conformance;

/// <summary>Outcome of one case.</summary>
public enum CaseStatus
{
    /// <summary>Output (or refusal) as expected.</summary>
    Pass,

    /// <summary>Vireo answered, but not as expected (wrong text, refused a valid case, accepted an invalid one).</summary>
    Fail,

    /// <summary>Something other than a Vireo refusal escaped (a bug, or an unimplemented part), or the case could not be set up.</summary>
    Error,

    /// <summary>Not run (suite not implemented yet).</summary>
    Skipped,
}
