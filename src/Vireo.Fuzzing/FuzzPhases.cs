namespace Vireo.Fuzzing;

/// <summary>The pipeline phases, in order (the CLI's <c>xml2argv</c> and <c>xml2xml</c>).</summary>
public static class FuzzPhases
{
    /// <summary>UTF-8 decoding and <c>DomainXmlParser.Parse</c>.</summary>
    public const string Parse = "parse";

    /// <summary>Choosing the capabilities for the domain's arch.</summary>
    public const string Capabilities = "caps";

    /// <summary><c>QemuEngine.PostParse</c>: defaults, addresses, validation.</summary>
    public const string PostParse = "postparse";

    /// <summary><c>DomainXmlFormatter.Format</c> (xml2xml's output).</summary>
    public const string Format = "format";

    /// <summary><c>QemuEngine.BuildCommandLine</c>.</summary>
    public const string Build = "build";

    /// <summary><c>ArgsTextRenderer.Render</c> (xml2argv's output).</summary>
    public const string Render = "render";

    /// <summary>All phases, in pipeline order.</summary>
    public static readonly IReadOnlyList<string> All = [Parse, Capabilities, PostParse, Format, Build, Render];
}
