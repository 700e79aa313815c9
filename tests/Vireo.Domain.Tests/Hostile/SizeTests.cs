using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>Oversized input is refused by its size, before it is read into memory.</summary>
public sealed class SizeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vireo-hostile-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_100_MiB_file_is_refused_by_size()
    {
        var path = Path.Combine(_dir, "big.xml");
        using (var f = File.Create(path))
        {
            // Sparse: the test does not write 100 MiB to disk, and the parser must not read it.
            f.SetLength(100L * 1024 * 1024);
        }

        var ex = Refusal.OfFile(path);
        Assert.Contains("104857600 bytes", ex.Detail, StringComparison.Ordinal);
        Assert.Contains("10485760-byte limit", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_one_byte_over_the_limit_is_refused_and_one_at_the_limit_is_read()
    {
        var xml = HostileXml.Domain();
        var path = Path.Combine(_dir, "edge.xml");
        File.WriteAllText(path, xml);
        var atLimit = new DomainParseOptions { MaxBytes = new FileInfo(path).Length };
        Assert.Equal("hostile", DomainXmlParser.ParseFile(path, atLimit).Name);

        var ex = Refusal.OfFile(path, atLimit with { MaxBytes = atLimit.MaxBytes - 1 });
        Assert.Contains("limit", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_endless_device_is_refused_after_the_limit_not_read_forever()
    {
        // A character device reports length 0; /dev/zero never ends. The same path
        // covers FIFOs and /dev/stdin: the read stops at the limit.
        Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");
        var ex = Refusal.OfFile("/dev/zero");
        Assert.Contains("10485760-byte limit", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_string_is_refused_before_parsing()
    {
        var xml = HostileXml.Domain(top: "<description>" + new string('x', 11 * 1024 * 1024) + "</description>");
        var ex = Refusal.OfText(xml);
        Assert.Contains("limit", ex.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_directory_are_refused_cleanly()
    {
        Assert.Contains("no such file", Refusal.OfFile(Path.Combine(_dir, "absent.xml")).Detail, StringComparison.Ordinal);
        Assert.Contains("cannot read", Refusal.OfFile(_dir).Detail, StringComparison.Ordinal);
    }
}
