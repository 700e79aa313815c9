namespace Vireo.Conformance.Corpus;

/// <summary>What an argv case expects: a command line, a refusal while parsing, or a refusal while building.</summary>
public enum ExpectedKind
{
    /// <summary>Parse and build succeed; output equals the <c>.args</c> file.</summary>
    Args,

    /// <summary>Parsing (including post-parse validation) is refused.</summary>
    ParseError,

    /// <summary>Parsing succeeds; building the command line is refused.</summary>
    Failure,
}
