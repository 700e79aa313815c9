using Vireo.Conformance.Corpus;

namespace Vireo.Conformance.Tests;

public class TsvTableTests
{
    [Fact]
    public void Columns_AreLookedUpByHeaderName()
    {
        var table = TsvTable.Parse("b\ta\tc\n1\t2\t3\n");

        var row = Assert.Single(table.Rows);
        Assert.Equal("2", row["a"]);
        Assert.Equal("1", row["b"]);
        Assert.Equal("3", row.Get("c"));
        Assert.Equal(["b", "a", "c"], table.Header);
    }

    [Fact]
    public void MissingColumnOrShortRow_GivesEmpty()
    {
        var table = TsvTable.Parse("a\tb\tc\nx\n");

        var row = Assert.Single(table.Rows);
        Assert.Equal("x", row["a"]);
        Assert.Equal("", row["c"]);
        Assert.Equal("", row["nope"]);
        Assert.False(table.HasColumn("nope"));
    }

    [Fact]
    public void BlankLinesAndCarriageReturns_AreIgnored()
    {
        var table = TsvTable.Parse("a\tb\r\n\r\n1\t2\r\n\n3\t4");

        Assert.Equal(2, table.Rows.Length);
        Assert.Equal("2", table.Rows[0]["b"]);
        Assert.Equal("4", table.Rows[1]["b"]);
        Assert.Equal(3, table.Rows[0].LineNumber);
        Assert.Equal(5, table.Rows[1].LineNumber);
    }

    [Fact]
    public void EmptyFields_ArePreserved()
    {
        var row = Assert.Single(TsvTable.Parse("a\tb\tc\n\t\tz\n").Rows);

        Assert.Equal("", row["a"]);
        Assert.Equal("", row["b"]);
        Assert.Equal("z", row["c"]);
    }

    [Fact]
    public void EmptyText_HasNoRows()
    {
        var table = TsvTable.Parse("");

        Assert.Empty(table.Rows);
        Assert.Empty(table.Header);
    }
}
