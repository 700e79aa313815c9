using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>DTDs, external entities and entity expansion are refused before any entity is resolved.</summary>
public class DtdTests
{
    public static TheoryData<string> Names() => [.. HostileXml.Dtds().Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Dtd_and_entities_are_refused(string name)
    {
        var xml = HostileXml.Dtds().Single(d => d.Name == name).Xml;
        var ex = Refusal.OfText(xml);
        Assert.NotNull(ex.Line);
        Assert.True(
            ex.Detail.Contains("DTD", StringComparison.Ordinal) || ex.Detail.Contains("entity", StringComparison.OrdinalIgnoreCase),
            ex.Message);
    }

    [Fact]
    public void Dtd_is_refused_from_a_file_too()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, HostileXml.Dtds().Single(d => d.Name == "billion laughs").Xml);
            var ex = Refusal.OfFile(path);
            Assert.Contains("DTD", ex.Detail, StringComparison.Ordinal);
            Assert.Equal(2, ex.Line);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_well_formed_base_document_is_accepted()
    {
        // Guards the other tests: they fail for the hostile part, not for the domain around it.
        var def = DomainXmlParser.Parse(HostileXml.Domain());
        Assert.Equal("hostile", def.Name);
    }
}
