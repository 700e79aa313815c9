using Vireo.Domain.Errors;
using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Xml;

/// <summary>
/// The parser reads plain-ASCII text from its UTF-8 bytes (smaller reader buffers) and any other
/// text as text: both ways must give the same model and the same errors, and an encoding named in
/// the XML declaration must never change how the text is read.
/// </summary>
public sealed class ReaderInputTests
{
    private const string Body = "<domain type='kvm'>\n  <name>a</name>\n  <memory unit='MiB'>512</memory>\n  <os>\n    <type>hvm</type>\n  </os>\n</domain>\n";

    // A comment with a non-ASCII character sends the same document down the text path.
    private const string NonAscii = "<!-- caf\u00e9 -->\n";

    [Theory]
    [InlineData("")]
    [InlineData("<?xml version='1.0'?>\n")]
    [InlineData("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")]
    [InlineData("<?xml version='1.0' encoding='utf-8'?>\n")]
    [InlineData("<?xml version='1.0' encoding='ISO-8859-1'?>\n")]
    [InlineData("<?xml version='1.0' encoding='UTF-16'?>\n")]
    [InlineData("<?xml version='1.0' encoding='no-such-encoding'?>\n")]
    [InlineData("<?xml version='1.0' encoding = 'UTF-8'?>\n")]
    public void Ascii_and_non_ascii_text_give_the_same_model(string declaration)
    {
        var ascii = DomainXmlParser.Parse(declaration + Body);
        var other = DomainXmlParser.Parse(declaration + NonAscii + Body);

        Assert.Equal("a", ascii.Name);
        Assert.Equal(other.Name, ascii.Name);
        Assert.Equal(other.MemoryKiB, ascii.MemoryKiB);
        Assert.Equal(other.Os.Type, ascii.Os.Type);
    }

    [Theory]
    [InlineData("<domain type='kvm'>\n  <name>a</name>\n  <memory>1</mem>\n</domain>\n")]
    [InlineData("<domain type='kvm'>\n  <name>a</name>\n  <memory a='1' a='2'>1</memory>\n</domain>\n")]
    [InlineData("<domain type='kvm'>\n  <name>a</name>\n  <memory>&bogus;</memory>\n</domain>\n")]
    [InlineData("<domain type='kvm'>\n  <name>a</name>\n</domain>\n<extra/>\n")]
    [InlineData("<?xml version='1.0' encoding='UTF-8'?>\n<domain type='kvm'>\n  <name>a</oops>\n</domain>\n")]
    public void Malformed_text_gives_the_same_error_either_way(string xml)
    {
        // The error is before the trailing comment, so both documents fail at the same place.
        var ascii = Assert.Throws<DomainXmlException>(() => DomainXmlParser.Parse(xml));
        var other = Assert.Throws<DomainXmlException>(() => DomainXmlParser.Parse(xml + NonAscii));

        Assert.Equal(other.Message, ascii.Message);
        Assert.Equal(other.Line, ascii.Line);
        Assert.NotNull(ascii.Line);
    }

    [Fact]
    public void Control_characters_are_refused_with_their_line()
    {
        var ex = Assert.Throws<DomainXmlException>(() => DomainXmlParser.Parse("<domain type='kvm'>\n  <name>a\u0001</name>\n</domain>\n"));
        Assert.Equal(2, ex.Line);
    }
}
