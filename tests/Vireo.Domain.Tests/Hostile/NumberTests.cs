namespace Vireo.Domain.Tests.Hostile;

/// <summary>Numbers out of range, negative where a count is expected, or hex where libvirt reads decimal.</summary>
public class NumberTests
{
    public static TheoryData<string> Names() => [.. HostileXml.BadNumbers().Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Bad_numbers_are_refused_naming_the_value_and_line(string name)
    {
        var (_, xml, value, line) = HostileXml.BadNumbers().Single(d => d.Name == name);
        var ex = Refusal.OfText(xml);
        Assert.Contains("'" + value + "'", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
        Assert.NotNull(ex.Location);
    }
}
