using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Tests.Facts;

public class FactTableTests
{
    [Fact]
    public void Embedded_table_loads_with_unique_ids_and_a_source_for_every_decisive_fact()
    {
        var facts = FactTable.Embedded.Facts;
        Assert.True(facts.Length > 40);
        Assert.Equal(facts.Length, facts.Select(f => f.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(facts.Where(f => !f.Id.EndsWith("-unknown", StringComparison.Ordinal) && f.Id != "os-other"), f => Assert.NotNull(f.Source));
    }

    [Fact]
    public void Only_firmware_and_terminal_device_facts_predict_a_screen()
    {
        Assert.All(FactTable.Embedded.Facts.Where(f => f.Screen is not null),
            f => Assert.True(f.Stage == DisplayStage.Firmware || (f.Stage == DisplayStage.Device && f.Verdict == Verdict.Broken), f.Id));
        Assert.All(FactTable.Embedded.Facts.Where(f => f.Stage == DisplayStage.Firmware), f => Assert.NotNull(f.Screen));
    }

    [Fact]
    public void Most_specific_row_wins_first_on_a_tie()
    {
        const string tsv = "a\tfirmware\t*\t*\t*\t*\t*\t*\tok\tpicture\tany\t-\t-\n"
            + "b\tfirmware\tarm\t*\tVGA|cirrus-vga\t*\t*\t*\tdegraded\tplaceholder\tarm vga\tfix\tsrc\n"
            + "c\tfirmware\tarm\t*\t*\tkvm\t*\t*\tbroken\tblank\tarm kvm\t-\t-\n";
        var table = FactTable.Load(new StringReader(tsv));

        Assert.Equal("a", table.Find(new FactQuery(DisplayStage.Firmware, "x86", "ovmf", "VGA", "kvm", "linux", "*")).Id);
        Assert.Equal("b", table.Find(new FactQuery(DisplayStage.Firmware, "arm", "aavmf", "cirrus-vga", "tcg", "linux", "*")).Id);
        Assert.Equal("b", table.Find(new FactQuery(DisplayStage.Firmware, "arm", "aavmf", "VGA", "kvm", "linux", "*")).Id);
        Assert.Equal("c", table.Find(new FactQuery(DisplayStage.Firmware, "arm", "aavmf", "ramfb", "kvm", "linux", "*")).Id);
    }

    [Theory]
    [InlineData("a\tfirmware\t*\n", "3 columns")]
    [InlineData("a\tnowhere\t*\t*\t*\t*\t*\t*\tok\t-\tr\t-\t-\n", "unknown stage")]
    [InlineData("a\tdevice\t*\t*\t*\t*\t*\t*\tfine\t-\tr\t-\t-\n", "unknown verdict")]
    [InlineData("a\tdevice\t*\t*\t*\t*\t*\t*\tok\t-\tr\t-\t-\na\tdevice\t*\t*\t*\t*\t*\t*\tok\t-\tr\t-\t-\n", "duplicate id")]
    public void Malformed_rows_are_refused_with_the_line(string tsv, string what)
    {
        var ex = Assert.Throws<FormatException>(() => FactTable.Load(new StringReader(tsv)));
        Assert.Contains(what, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line ", ex.Message, StringComparison.Ordinal);
    }
}
