namespace Vireo.Domain.Tests.Hostile;

/// <summary>Enum values libvirt does not know are refused, naming the value.</summary>
public class EnumTests
{
    public static TheoryData<string> Names() => [.. HostileXml.UnknownEnums().Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Unknown_enum_values_are_refused_naming_the_value_and_line(string name)
    {
        var (_, xml, line) = HostileXml.UnknownEnums().Single(d => d.Name == name);
        var ex = Refusal.OfText(xml);
        Assert.Contains(name == "yes/no attribute" ? "maybe" : "evil", ex.Detail, StringComparison.Ordinal);
        Assert.Equal(line, ex.Line);
    }
}
