namespace Vireo.Fuzzing;

/// <summary>How the pipeline answered one input.</summary>
public enum OutcomeKind
{
    /// <summary>Parsed, prepared, formatted and built: a command line and an XML document.</summary>
    Ok,

    /// <summary>Refused with one of Vireo's documented errors (the <see cref="Domain.Errors.VireoException"/> family).</summary>
    Refused,

    /// <summary>Any other exception, or no answer within the per-input budget (a hang).</summary>
    Bug,
}
