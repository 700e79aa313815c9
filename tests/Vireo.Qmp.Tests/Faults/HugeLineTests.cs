using System.Text;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// The peer streams a 100 MB line (built 64 KiB at a time, never whole in memory). The
/// client stops at <see cref="QmpClientOptions.MaxLineBytes"/>, fails with a
/// <see cref="QmpConnectionException"/> naming the limit and hangs up, so the peer's writes
/// fail long before 100 MB: the line is neither buffered nor read to its end.
/// </summary>
[Collection(nameof(MemoryCollection))]
public class HugeLineTests
{
    private const long LineBytes = 100L * 1024 * 1024;

    /// <summary>Writes up to <paramref name="total"/> bytes of one line; returns how many the client took before hanging up.</summary>
    private static async Task<long> StreamHugeLineAsync(FakeQmpPeer peer, string head, long total, bool newline)
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        var headBytes = Encoding.UTF8.GetBytes(head);
        long sent = 0;
        try
        {
            await peer.SendRawAsync(headBytes, Ct);
            sent += headBytes.Length;
            while (sent < total)
            {
                var n = (int)Math.Min(chunk.Length, total - sent);
                await peer.SendRawAsync(chunk.AsMemory(0, n), Ct);
                sent += n;
            }

            if (newline)
            {
                await peer.SendRawAsync("\"}\n"u8.ToArray(), Ct);
            }
        }
        catch (IOException)
        {
            // The client hung up: the expected end.
        }

        return sent;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_100_MB_reply_line_fails_the_connection_at_the_limit(bool newline)
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server); // default MaxLineBytes: 16 MiB
        var (reply, command) = await PendingAsync(client, peer);

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sent = await StreamHugeLineAsync(peer, $$"""{"id": {{command.GetProperty("id").GetRawText()}}, "return": "x""", LineBytes, newline);
        var ex = Assert.IsType<QmpConnectionException>(await FailureOf(reply));
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        Assert.Contains($"{QmpClientOptions.DefaultMaxLineBytes}-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.True(sent < LineBytes / 2, $"the client read {sent} bytes of the line");
        // The line buffer grows geometrically up to the limit (at most about twice the limit
        // in all); nothing close to the 100 MB the peer offered.
        Assert.True(allocated < 3L * QmpClientOptions.DefaultMaxLineBytes, $"allocated {allocated} bytes");
        TestContext.Current.TestOutputHelper?.WriteLine($"100 MB line (newline: {newline}): peer got {sent} bytes out before the hang-up; {allocated} bytes allocated meanwhile");
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_100_MB_greeting_fails_the_connect()
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Generous with { MaxLineBytes = 1024 * 1024 }, Ct);
        var peer = await server.AcceptAsync(Ct);

        var sent = await StreamHugeLineAsync(peer, """{"QMP": {"version": "x""", LineBytes, newline: false);

        var ex = Assert.IsType<QmpConnectionException>(await FailureOf(connect));
        Assert.Contains("1048576-byte limit", ex.Message, StringComparison.Ordinal);
        Assert.True(sent < LineBytes / 2, $"the client read {sent} bytes of the line");
        await AssertPeerSeesCloseAsync(peer);
    }

    [Fact]
    public async Task An_endless_run_of_blank_space_is_a_line_too()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Generous with { MaxLineBytes = 64 * 1024 });
        var (reply, _) = await PendingAsync(client, peer);

        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)' ');
        try
        {
            for (var i = 0; i < 64 * 100; i++)
            {
                await peer.SendRawAsync(chunk, Ct);
            }
        }
        catch (IOException)
        {
            // The client hung up.
        }

        Assert.IsType<QmpConnectionException>(await FailureOf(reply));
        await AssertReleasedAsync(client, peer);
    }
}
