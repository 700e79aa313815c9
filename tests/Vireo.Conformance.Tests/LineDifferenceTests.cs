namespace Vireo.Conformance.Tests;

public class LineDifferenceTests
{
    [Fact]
    public void Identical_IsNull() => Assert.Null(LineDifference.Find("a\nb\n", "a\nb\n"));

    [Fact]
    public void ReportsFirstDifferingLine() =>
        Assert.Equal(new LineDifference(2, "b", "B"), LineDifference.Find("a\nb\nc\n", "a\nB\nC\n"));

    [Fact]
    public void ShorterActual_HasNullActualLine() =>
        Assert.Equal(new LineDifference(3, "c", null), LineDifference.Find("a\nb\nc", "a\nb"));

    [Fact]
    public void MissingTrailingNewline_IsADifference() =>
        Assert.Equal(new LineDifference(2, "", null), LineDifference.Find("a\n", "a"));
}
