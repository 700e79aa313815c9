namespace Vireo.Conformance;

/// <summary>The corpus suites.</summary>
public enum ConformanceSuite
{
    /// <summary>Domain XML to QEMU command line (<c>argv.tsv</c>).</summary>
    Argv,

    /// <summary>Domain XML round trip (<c>xml2xml.tsv</c>).</summary>
    Xml2Xml,

    /// <summary>Domain capabilities (<c>domaincaps.tsv</c>).</summary>
    DomainCaps,
}
