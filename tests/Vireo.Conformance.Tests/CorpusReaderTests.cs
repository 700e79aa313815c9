using Vireo.Conformance.Corpus;

namespace Vireo.Conformance.Tests;

public class CorpusReaderTests
{
    [Fact]
    public void ArgvRow_MapsEveryColumn()
    {
        const string tsv =
            "name\tmacro\texpected_kind\tarch\tcaps\tflags\textra\tinput_xml\texpected\tcategory\timplicit_flags\thost_arch\thost_cpu\thost_os\tstate\ttest_name\n" +
            "n1\tDO_TEST\tparse-error\taarch64\tflags\tvirtio-vga, gic-version\tgic=V3;migrate_from=stdio;migrate_fd=7\tqemuxml2argvdata/n1.xml\tqemuxml2argvdata/n1.err\tdisplay\tno-acpi\taarch64\t\tlinux\tcfg.vncTLS=1\tQEMU XML-2-ARGV n1\n";

        var c = Assert.Single(CorpusReader.ArgvCases(TsvTable.Parse(tsv)));

        Assert.Equal("n1", c.Name);
        Assert.Equal(ExpectedKind.ParseError, c.ExpectedKind);
        Assert.Equal(["virtio-vga", "gic-version"], c.Flags);
        Assert.Equal(["no-acpi"], c.ImplicitFlags);
        Assert.True(c.UsesFakeCaps);
        Assert.Equal("fd:7", c.Extra.IncomingUri);
        Assert.Equal(3, Assert.Single(c.Extra.Gic!.Value).Version);
        Assert.Equal("display", c.Category);
        Assert.Equal("aarch64", c.HostArch);
        Assert.Equal("cfg.vncTLS=1", c.State);
        Assert.Equal(2, c.Row);
    }

    [Fact]
    public void ArgvRow_HostOsFallsBackToExtraThenLinux()
    {
        const string tsv = "name\textra\tinput_xml\texpected\na\thostos=macos\ti.xml\to.args\nb\t\ti.xml\to.args\n";

        var cases = CorpusReader.ArgvCases(TsvTable.Parse(tsv));

        Assert.Equal("macos", cases[0].HostOs);
        Assert.Equal("linux", cases[1].HostOs);
        Assert.Equal("x86_64", cases[1].HostArch);
        Assert.Equal(ExpectedKind.Args, cases[1].ExpectedKind);
    }

    [Fact]
    public void Xml2XmlRow_WhenDecidesInactive()
    {
        const string tsv = "name\twhen\tcaps\tinput_xml\texpected\na\tactive\tcaps_8.0.0.x86_64.xml\ti.xml\to.xml\nb\tinactive\tflags\ti.xml\to.xml\n";

        var cases = CorpusReader.Xml2XmlCases(TsvTable.Parse(tsv));

        Assert.False(cases[0].Inactive);
        Assert.False(cases[0].UsesFakeCaps);
        Assert.True(cases[1].Inactive);
        Assert.True(cases[1].UsesFakeCaps);
    }

    [Theory]
    [InlineData("args", ExpectedKind.Args)]
    [InlineData("parse-error", ExpectedKind.ParseError)]
    [InlineData("failure", ExpectedKind.Failure)]
    public void ExpectedKind_RoundTrips(string text, ExpectedKind kind)
    {
        Assert.Equal(kind, CorpusReader.ParseKind(text));
        Assert.Equal(text, CorpusReader.KindName(kind));
    }

    [Fact]
    public void UnknownExpectedKind_Throws() =>
        Assert.Throws<FormatException>(() => CorpusReader.ParseKind("maybe"));

    [Fact]
    public void Corpus_AllManifestsReadAndInputsExist()
    {
        var root = CorpusLocation.RootOrSkip();
        var tests = Path.Combine(root, "tests");

        var argv = CorpusReader.ReadArgv(root);
        var xml = CorpusReader.ReadXml2Xml(root);
        var caps = CorpusReader.ReadDomainCaps(root);

        Assert.Equal(File.ReadLines(Path.Combine(root, "argv.tsv")).Count() - 1, argv.Length);
        Assert.Equal(File.ReadLines(Path.Combine(root, "xml2xml.tsv")).Count() - 1, xml.Length);
        Assert.NotEmpty(caps);
        Assert.All(argv, c => Assert.True(File.Exists(Path.Combine(tests, c.InputXml)), c.InputXml));
        Assert.All(argv, c => Assert.True(File.Exists(Path.Combine(tests, c.Expected)), c.Expected));
        Assert.All(xml, c => Assert.True(File.Exists(Path.Combine(tests, c.Expected)), c.Expected));
        Assert.Contains(argv, c => c.Category == "display");
    }
}
