using Vireo.Conformance.Corpus;

namespace Vireo.Conformance.Tests;

public class CorpusTextTests
{
    [Fact]
    public void JoinContinuations_RemovesBackslashNewline() =>
        Assert.Equal("abc\ndef\n", CorpusText.JoinContinuations("a\\\nbc\nd\\\nef\n"));

    [Fact]
    public void JoinContinuations_KeepsOtherBackslashes() =>
        Assert.Equal("a\\b\\\\c\n", CorpusText.JoinContinuations("a\\b\\\\c\n"));

    [Theory]
    [InlineData("x", "x\n", "x\n")]
    [InlineData("x\n", "x\n", "x\n")]
    [InlineData("x", "x", "x")]
    [InlineData("x\n", "x", "x\n")]
    public void AlignTrailingNewline_OnlyAdds(string actual, string expected, string aligned) =>
        Assert.Equal(aligned, CorpusText.AlignTrailingNewline(actual, expected));
}
