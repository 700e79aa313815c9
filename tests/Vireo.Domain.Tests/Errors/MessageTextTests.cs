using Vireo.Domain.Errors;

namespace Vireo.Domain.Tests.Errors;

public class MessageTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("a\nb", "a b")]
    [InlineData("a\r\nb", "a b")]
    [InlineData("a\u001b[31mb", "a\\u001B[31mb")]
    [InlineData("a\u0085b", "a\\u0085b")]
    [InlineData("a\u202Eb", "a\\u202Eb")]
    [InlineData("a\u2028b", "a\\u2028b")]
    [InlineData("caf\u00e9 \U0001F600", "caf\u00e9 \U0001F600")]
    public void Messages_are_one_safe_line(string detail, string expected)
    {
        var ex = new DomainXmlException(detail);
        Assert.Equal(expected, ex.Detail);
        Assert.Equal("XML error: " + expected, ex.Message);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        Assert.Equal("a\\uD800b", new DomainXmlException("a\ud800b").Detail);
    }

    [Fact]
    public void Long_messages_are_cut_and_say_so()
    {
        var ex = DomainConfigException.Unsupported(new string('x', 100_000));
        Assert.True(ex.Detail.Length < 600, $"{ex.Detail.Length} characters");
        Assert.EndsWith("... (100000 characters in all)", ex.Detail, StringComparison.Ordinal);
    }
}
