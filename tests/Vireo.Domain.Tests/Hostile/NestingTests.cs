using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>Deep nesting is refused while reading, before any recursive walk of the tree.</summary>
public class NestingTests
{
    [Theory]
    [InlineData(65)]
    [InlineData(10_000)]
    [InlineData(300_000)]
    public void Deep_nesting_is_refused_at_the_line_it_goes_too_deep(int depth)
    {
        var ex = Refusal.OfText(HostileXml.Nested(depth));
        Assert.Contains("nesting deeper than 64 levels", ex.Detail, StringComparison.Ordinal);

        // <metadata> is at depth 1 on line 6; the element at depth 64 opens on line 6 + 62.
        Assert.Equal(HostileXml.TopLine + 62, ex.Line);
    }

    [Fact]
    public void Deep_nesting_on_one_line_is_refused()
    {
        var ex = Refusal.OfText(HostileXml.NestedOneLine(10_000));
        Assert.Contains("nesting deeper than 64 levels", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(HostileXml.DeviceLine, ex.Line);
    }

    [Fact]
    public void Nesting_below_the_limit_is_read()
    {
        // The root is depth 0, <metadata> depth 1: 62 more levels reach depth 63.
        var def = DomainXmlParser.Parse(HostileXml.Nested(62));
        Assert.NotNull(def.Metadata);
    }
}
