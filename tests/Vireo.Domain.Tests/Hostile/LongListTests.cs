using System.Text;
using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>Long lists outside &lt;devices&gt; are read in one linear pass.</summary>
public class LongListTests
{
    [Fact]
    public void A_hundred_thousand_iothread_ids_are_read_and_kept_in_order()
    {
        var sb = new StringBuilder("<iothreadids>");
        for (var i = 100_000; i >= 1; i--)
        {
            sb.Append("<iothread id='").Append(i).Append("'/>");
        }

        var def = DomainXmlParser.Parse(HostileXml.Domain(top: sb.Append("</iothreadids>").ToString()));
        var ids = def.Extras.Single(e => e.Name.LocalName == "iothreadids").Elements("iothread").Select(e => (string?)e.Attribute("id")).ToList();
        Assert.Equal(100_000, ids.Count);
        Assert.Equal("100000", ids[0]);
        Assert.Equal("1", ids[^1]);
    }

    [Fact]
    public void Duplicate_iothread_ids_are_refused()
    {
        var ex = Refusal.OfText(HostileXml.Domain(top: "<iothreadids><iothread id='1'/><iothread id='1'/></iothreadids>"));
        Assert.Contains("duplicate iothread id '1'", ex.Detail, StringComparison.Ordinal);
        // No line: the tuning elements are checked on the parser's detached copies.
        Assert.NotNull(ex.Location);
    }
}
