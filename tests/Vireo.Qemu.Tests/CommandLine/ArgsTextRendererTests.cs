using System.Collections.Immutable;
using Vireo.Qemu.CommandLine;

namespace Vireo.Qemu.Tests.CommandLine;

public class ArgsTextRendererTests
{
    private static QemuCommandLine Cmd(string[] env, params string[] args) => new(
        [.. env.Select(e => new KeyValuePair<string, string>(e[..e.IndexOf('=', StringComparison.Ordinal)], e[(e.IndexOf('=', StringComparison.Ordinal) + 1)..]))],
        "/usr/bin/qemu-system-x86_64",
        [.. args]);

    [Fact]
    public void EnvEmulatorAndOptions_OnePerLine() =>
        Assert.Equal(
            "LC_ALL=C \\\nPATH=/bin \\\n/usr/bin/qemu-system-x86_64 \\\n-name guest=a \\\n-S \\\n-m 214\n",
            ArgsTextRenderer.Render(Cmd(["LC_ALL=C", "PATH=/bin"], "-name", "guest=a", "-S", "-m", "214")));

    [Fact]
    public void NoArguments_EndsAfterEmulator() =>
        Assert.Equal("/usr/bin/qemu-system-x86_64\n", ArgsTextRenderer.Render(Cmd([])));

    [Fact]
    public void ValuesBeforeAnyOption_EachBreak() =>
        Assert.Equal(
            "/usr/bin/qemu-system-x86_64 \\\na \\\nb \\\n-x 1\n",
            ArgsTextRenderer.Render(Cmd([], "a", "b", "-x", "1")));

    [Fact]
    public void TrailingValuesAfterLastOption_BreakFromTheSecond() =>
        Assert.Equal(
            "/usr/bin/qemu-system-x86_64 \\\n-foo a \\\nb \\\nc\n",
            ArgsTextRenderer.Render(Cmd([], "-foo", "a", "b", "c")));

    [Theory]
    [InlineData("", "''")]
    [InlineData("plain,a=b:c/d.e@f%g+h", "plain,a=b:c/d.e@f%g+h")]
    [InlineData("has space", "'has space'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("{\"a\":1}", "'{\"a\":1}'")]
    [InlineData("tab\there", "'tab\there'")]
    public void ShellEscaping(string value, string escaped) =>
        Assert.Equal("/usr/bin/qemu-system-x86_64 \\\n-x " + escaped + "\n", ArgsTextRenderer.Render(Cmd([], "-x", value)));

    [Fact]
    public void EnvValues_AreEscaped() =>
        Assert.Equal("BAR='' \\\nNS='a b' \\\n/usr/bin/qemu-system-x86_64\n", ArgsTextRenderer.Render(Cmd(["BAR=", "NS=a b"])));

    [Fact]
    public void Parser_InvertsRenderer()
    {
        var cmd = Cmd(["LC_ALL=C", "BAR="], "-x", "it's", "-y", "", "z", "{\"a\": [1, 2]}");

        var back = ArgsTextParser.Parse(ArgsTextRenderer.Render(cmd));

        Assert.Equal(cmd.Environment, back.Environment);
        Assert.Equal(cmd.Emulator, back.Emulator);
        Assert.Equal(cmd.Arguments, back.Arguments);
    }

    [Fact]
    public void EveryCorpusArgsFile_ReRendersByteExactly()
    {
        var dir = Path.Combine(CorpusLocation.RootOrSkip(), "tests", "qemuxml2argvdata");
        var files = Directory.GetFiles(dir, "*.args").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEmpty(files);

        var mismatches = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var rendered = ArgsTextRenderer.Render(ArgsTextParser.Parse(text));
            if (!string.Equals(text, rendered, StringComparison.Ordinal))
            {
                mismatches.Add(Path.GetFileName(file));
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {files.Length} differ: {string.Join(", ", mismatches.Take(10))}");
    }

    [Fact]
    public void CorpusArgsFiles_HaveExpectedShape()
    {
        var dir = Path.Combine(CorpusLocation.RootOrSkip(), "tests", "qemuxml2argvdata");

        foreach (var file in Directory.EnumerateFiles(dir, "*.args"))
        {
            var cmd = ArgsTextParser.Parse(File.ReadAllText(file));
            Assert.Equal("LC_ALL", cmd.Environment.FirstOrDefault().Key);
            Assert.StartsWith("/", cmd.Emulator, StringComparison.Ordinal);
            Assert.Contains("-S", cmd.Arguments);
        }
    }
}
