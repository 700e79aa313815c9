using System.Text;

namespace Vireo.Qmp.Tests;

public class QmpLineReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<string>> ReadAll(byte[] data, int max, int chunk = 3)
    {
        var reader = new QmpLineReader(new TrickleStream(data, chunk), max);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(Ct) is { } line)
        {
            lines.Add(Encoding.UTF8.GetString(line.Span));
        }

        return lines;
    }

    [Fact]
    public async Task Lines_SplitAcrossReads_CrLfTrimmed_FinalFragmentKept()
    {
        var lines = await ReadAll(Encoding.UTF8.GetBytes("{\"a\":1}\r\n\n{\"b\":2}\n{\"c\""), 1024);

        Assert.Equal(["{\"a\":1}", "", "{\"b\":2}", "{\"c\""], lines);
    }

    [Fact]
    public async Task LineAtTheLimit_IsAccepted_OneMoreByteIsNot()
    {
        var atLimit = new string('x', 1024) + "\n";
        Assert.Single(await ReadAll(Encoding.ASCII.GetBytes(atLimit), 1024, chunk: 100));

        var over = new string('x', 1025) + "\n";
        await Assert.ThrowsAsync<QmpConnectionException>(() => ReadAll(Encoding.ASCII.GetBytes(over), 1024, chunk: 100));
    }

    [Fact]
    public async Task ManyLines_LargerThanTheInitialBuffer()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            sb.Append(new string((char)('a' + (i % 26)), i % 200)).Append('\n');
        }

        var lines = await ReadAll(Encoding.ASCII.GetBytes(sb.ToString()), 1024, chunk: 4093);

        Assert.Equal(5000, lines.Count);
        Assert.Equal(199, lines[199].Length);
    }
}
