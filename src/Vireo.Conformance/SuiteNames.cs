namespace Vireo.Conformance;

/// <summary>Command-line / report spellings of <see cref="ConformanceSuite"/>, <see cref="CaseStatus"/> and <see cref="CasePhase"/>.</summary>
public static class SuiteNames
{
    /// <summary>All suites, in run order.</summary>
    public static IReadOnlyList<ConformanceSuite> All { get; } = [ConformanceSuite.Argv, ConformanceSuite.Xml2Xml, ConformanceSuite.DomainCaps];

    /// <summary><c>argv</c>, <c>xml2xml</c> or <c>domaincaps</c>.</summary>
    public static string Name(ConformanceSuite suite) => suite switch
    {
        ConformanceSuite.Argv => "argv",
        ConformanceSuite.Xml2Xml => "xml2xml",
        _ => "domaincaps",
    };

    /// <summary>Parses a suite name (case-insensitive); null when unknown.</summary>
    public static ConformanceSuite? TryParse(string? name) => name?.ToUpperInvariant() switch
    {
        "ARGV" => ConformanceSuite.Argv,
        "XML2XML" => ConformanceSuite.Xml2Xml,
        "DOMAINCAPS" => ConformanceSuite.DomainCaps,
        _ => null,
    };

    /// <summary><c>pass</c>, <c>fail</c>, <c>error</c> or <c>skipped</c>.</summary>
    public static string Name(CaseStatus status) => status switch
    {
        CaseStatus.Pass => "pass",
        CaseStatus.Fail => "fail",
        CaseStatus.Error => "error",
        _ => "skipped",
    };

    /// <summary>Lower-case phase name.</summary>
    public static string Name(CasePhase phase) => phase switch
    {
        CasePhase.Setup => "setup",
        CasePhase.Parse => "parse",
        CasePhase.Build => "build",
        CasePhase.Render => "render",
        CasePhase.Format => "format",
        CasePhase.Compare => "compare",
        _ => "not-run",
    };
}
