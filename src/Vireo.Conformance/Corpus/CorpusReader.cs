using System.Collections.Immutable;
using System.Globalization;

namespace Vireo.Conformance.Corpus;

/// <summary>Reads the corpus manifests (<c>argv.tsv</c>, <c>xml2xml.tsv</c>, <c>domaincaps.tsv</c>) into case records.</summary>
public static class CorpusReader
{
    /// <summary>File name of the argv manifest.</summary>
    public const string ArgvFile = "argv.tsv";

    /// <summary>File name of the xml2xml manifest.</summary>
    public const string Xml2XmlFile = "xml2xml.tsv";

    /// <summary>File name of the domaincaps manifest.</summary>
    public const string DomainCapsFile = "domaincaps.tsv";

    /// <summary>Reads <c>argv.tsv</c> from a corpus directory.</summary>
    public static ImmutableArray<ArgvCase> ReadArgv(string corpusDir) => ArgvCases(TsvTable.Load(Path.Combine(corpusDir, ArgvFile)));

    /// <summary>Reads <c>xml2xml.tsv</c> from a corpus directory.</summary>
    public static ImmutableArray<Xml2XmlCase> ReadXml2Xml(string corpusDir) => Xml2XmlCases(TsvTable.Load(Path.Combine(corpusDir, Xml2XmlFile)));

    /// <summary>Reads <c>domaincaps.tsv</c> from a corpus directory.</summary>
    public static ImmutableArray<DomainCapsCase> ReadDomainCaps(string corpusDir) => DomainCapsCases(TsvTable.Load(Path.Combine(corpusDir, DomainCapsFile)));

    /// <summary>Maps argv manifest rows to cases.</summary>
    public static ImmutableArray<ArgvCase> ArgvCases(TsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var list = ImmutableArray.CreateBuilder<ArgvCase>(table.Rows.Length);
        foreach (var r in table.Rows)
        {
            var extra = HarnessOptions.Parse(r["extra"]);
            list.Add(new ArgvCase
            {
                Name = r["name"],
                Macro = r["macro"],
                ExpectedKind = ParseKind(r["expected_kind"]),
                Arch = r["arch"],
                Caps = r["caps"],
                Flags = SplitFlags(r["flags"]),
                ImplicitFlags = SplitFlags(r["implicit_flags"]),
                Extra = extra,
                InputXml = r["input_xml"],
                Expected = r["expected"],
                Category = r["category"],
                HostArch = OrDefault(r["host_arch"], "x86_64"),
                HostCpu = r["host_cpu"],
                HostOs = OrDefault(r["host_os"], extra.Get("hostos") ?? "linux"),
                State = r["state"],
                TestName = r["test_name"],
                Row = r.LineNumber,
            });
        }

        return list.ToImmutable();
    }

    /// <summary>Maps xml2xml manifest rows to cases.</summary>
    public static ImmutableArray<Xml2XmlCase> Xml2XmlCases(TsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var list = ImmutableArray.CreateBuilder<Xml2XmlCase>(table.Rows.Length);
        foreach (var r in table.Rows)
        {
            list.Add(new Xml2XmlCase
            {
                Name = r["name"],
                Macro = r["macro"],
                When = OrDefault(r["when"], "inactive"),
                Arch = r["arch"],
                Caps = r["caps"],
                Flags = SplitFlags(r["flags"]),
                ImplicitFlags = SplitFlags(r["implicit_flags"]),
                Extra = HarnessOptions.Parse(r["extra"]),
                InputXml = r["input_xml"],
                Expected = r["expected"],
                Category = r["category"],
                State = r["state"],
                TestName = r["test_name"],
                Row = r.LineNumber,
            });
        }

        return list.ToImmutable();
    }

    /// <summary>Maps domaincaps manifest rows to cases.</summary>
    public static ImmutableArray<DomainCapsCase> DomainCapsCases(TsvTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var list = ImmutableArray.CreateBuilder<DomainCapsCase>(table.Rows.Length);
        foreach (var r in table.Rows)
        {
            list.Add(new DomainCapsCase
            {
                Name = r["name"],
                Kind = r["kind"],
                Caps = r["caps"],
                Version = r["version"],
                Arch = r["arch"],
                Machine = r["machine"],
                VirtType = r["virttype"],
                Emulator = r["emulator"],
                SwtpmTpmVersions = r["swtpm_tpm_versions"],
                HostCpu = r["host_cpu"],
                Expected = r["expected"],
                Cond = r["cond"],
                Row = r.LineNumber,
            });
        }

        return list.ToImmutable();
    }

    /// <summary>Parses an <c>expected_kind</c> value (<c>args</c>, <c>parse-error</c>, <c>failure</c>).</summary>
    public static ExpectedKind ParseKind(string value) => value switch
    {
        "parse-error" => ExpectedKind.ParseError,
        "failure" => ExpectedKind.Failure,
        "args" or "" => ExpectedKind.Args,
        _ => throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"unknown expected_kind '{value}'")),
    };

    /// <summary>The manifest spelling of an expected kind.</summary>
    public static string KindName(ExpectedKind kind) => kind switch
    {
        ExpectedKind.ParseError => "parse-error",
        ExpectedKind.Failure => "failure",
        _ => "args",
    };

    private static ImmutableArray<string> SplitFlags(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string OrDefault(string value, string fallback) => value.Length == 0 ? fallback : value;
}
