using System.Text;
using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>Input that is not UTF-8, and NUL or other forbidden characters, raw or as references.</summary>
public sealed class EncodingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vireo-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Utf8Names() => [.. HostileXml.InvalidUtf8().Select(d => d.Name)];

    public static TheoryData<string> NulNames() => [.. HostileXml.Nuls().Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Utf8Names))]
    public void Invalid_utf8_is_refused_with_its_line(string name)
    {
        var bytes = HostileXml.WithBytes(HostileXml.InvalidUtf8().Single(d => d.Name == name).Bytes);
        var path = Path.Combine(_dir, "bad.xml");
        File.WriteAllBytes(path, bytes);

        var ex = Refusal.OfFile(path);
        Assert.Contains("not valid UTF-8", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(HostileXml.TopLine, ex.Line);
    }

    [Fact]
    public void Invalid_utf8_at_the_very_end_is_refused()
    {
        var path = Path.Combine(_dir, "tail.xml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetBytes(HostileXml.Domain()), 0xE2]);
        var ex = Refusal.OfFile(path);
        Assert.Contains("not valid UTF-8", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_refused()
    {
        var path = Path.Combine(_dir, "utf16.xml");
        File.WriteAllBytes(path, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(HostileXml.Domain())]);
        var ex = Refusal.OfFile(path);
        Assert.Contains("not valid UTF-8", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(1, ex.Line);
    }

    [Fact]
    public void A_utf8_byte_order_mark_and_multibyte_text_are_accepted()
    {
        var path = Path.Combine(_dir, "bom.xml");
        File.WriteAllBytes(path, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(HostileXml.Domain(top: "<title>caf\u00e9 \U0001F600</title>"))]);
        Assert.Equal("caf\u00e9 \U0001F600", DomainXmlParser.ParseFile(path).Title);
    }

    [Theory]
    [MemberData(nameof(NulNames))]
    public void Nul_and_forbidden_characters_are_refused_with_their_line(string name)
    {
        var (_, xml, line) = HostileXml.Nuls().Single(d => d.Name == name);
        var ex = Refusal.OfText(xml);
        Assert.Equal(line, ex.Line);
        Assert.Contains("hexadecimal value 0x", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("(column ", ex.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Line ", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_nul_bytes_in_a_file_are_refused_with_their_line()
    {
        var path = Path.Combine(_dir, "nul.xml");
        File.WriteAllBytes(path, HostileXml.WithBytes([0x00, 0x00, 0x00]));
        var ex = Refusal.OfFile(path);
        Assert.Equal(HostileXml.TopLine, ex.Line);
    }
}
