namespace Vireo.Capabilities.Tests;

public class CapsFileIndexTests
{
    [Theory]
    [InlineData("x86_64", "8.0.0")]
    [InlineData("aarch64", "7.0.0")]
    [InlineData("ppc64", "7.1.0")]
    [InlineData("riscv64", "5.2.0")]
    [InlineData("s390x", "6.0.0")]
    public void LatestFor_MatchesSpecTable(string arch, string version)
    {
        var index = new CapsFileIndex(Corpus.CapsDirOrSkip());

        Assert.Equal(Path.Combine(index.Directory, $"caps_{version}.{arch}.xml"), index.LatestFor(arch));
        Assert.Equal(index.LatestFor(arch), index.PathFor("latest", arch));
    }

    [Fact]
    public void LatestFor_UnknownArch_IsNull()
    {
        var index = new CapsFileIndex(Corpus.CapsDirOrSkip());

        Assert.Null(index.LatestFor("mips"));
        Assert.Throws<CapabilitiesException>(() => index.PathFor("latest", "mips"));
    }

    [Fact]
    public void Files_ListsEveryCapsXml()
    {
        var dir = Corpus.CapsDirOrSkip();
        var index = new CapsFileIndex(dir);

        Assert.Equal(Directory.GetFiles(dir, "caps_*.xml").Length, index.Files.Length);
        Assert.Contains("sparc", index.Arches);
        Assert.Equal(Path.Combine(dir, "caps_5.1.0.sparc.xml"), index.PathFor("5.1.0", "sparc"));
    }

    [Theory]
    [InlineData("caps_8.0.0.x86_64.xml", true, "8.0.0", "x86_64")]
    [InlineData("caps_10.12.3.aarch64.xml", true, "10.12.3", "aarch64")]
    [InlineData("caps_8.0.0.x86_64.replies", false, "", "")]
    [InlineData("caps_8.0.x86_64.xml", false, "", "")]
    public void TryParseFileName_Works(string name, bool ok, string version, string arch)
    {
        Assert.Equal(ok, CapsFileIndex.TryParseFileName(name, out var v, out var a));
        Assert.Equal(version, v);
        Assert.Equal(arch, a);
    }

    [Fact]
    public void VersionValue_ComputesLibvirtNumber()
    {
        Assert.Equal(8_000_000, CapsFileIndex.VersionValue("8.0.0"));
        Assert.Equal(7_001_002, CapsFileIndex.VersionValue("7.1.2"));
        Assert.True(CapsFileIndex.VersionValue("10.0.0") > CapsFileIndex.VersionValue("9.99.99"));
    }
}
