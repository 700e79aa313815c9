using System.Text.Json.Nodes;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// The peer goes silent: the connect never completes, no greeting, no answer to
/// <c>qmp_capabilities</c> or to a command, half a reply then nothing, or it never reads what
/// the client sends. Each ends in a <see cref="QmpTimeoutException"/> once its limit passes
/// (short limits here: waiting for them is the point), and nothing is left behind.
/// </summary>
public class NeverAnswerTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_connect_that_never_completes_times_out_and_a_late_stream_is_closed(bool honoursCancellation)
    {
        var transport = new HangingTransport(honoursCancellation);

        var ex = Assert.IsType<QmpTimeoutException>(await FailureOf(QmpClient.ConnectAsync(transport, Generous with { ConnectTimeout = Short }, Ct)));
        Assert.Contains("connecting", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Short, ex.Limit);

        using var late = new DisposalProbeStream();
        transport.CompleteLate(late);
        if (!honoursCancellation)
        {
            await late.Disposed.WaitAsync(Bound, Ct); // the client closes what it no longer wants
        }
    }

    [Fact]
    public async Task No_greeting_times_out()
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Generous with { GreetingTimeout = Short }, Ct);
        var peer = await server.AcceptAsync(Ct);

        var ex = Assert.IsType<QmpTimeoutException>(await FailureOf(connect));
        Assert.Contains("greeting", ex.Message, StringComparison.Ordinal);
        await AssertPeerSeesCloseAsync(peer);
    }

    [Fact]
    public async Task No_answer_to_capability_negotiation_times_out()
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Generous with { CommandTimeout = Short }, Ct);
        var peer = await server.AcceptAsync(Ct);
        await peer.SendAsync(FakeQmpPeer.Greeting, Ct);

        var ex = Assert.IsType<QmpTimeoutException>(await FailureOf(connect));
        Assert.Contains("qmp_capabilities", ex.Message, StringComparison.Ordinal);
        await AssertPeerSeesCloseAsync(peer);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20)]
    public async Task No_reply_or_part_of_one_times_out_and_leaves_nothing_pending(int partialBytes)
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Generous with { CommandTimeout = Short });
        var (reply, command) = await PendingAsync(client, peer);
        var full = $$"""{"return": {"status": "running"}, "id": {{command.GetProperty("id").GetRawText()}}}""";
        await peer.SendRawAsync(System.Text.Encoding.UTF8.GetBytes(full[..partialBytes]), Ct);

        var ex = Assert.IsType<QmpTimeoutException>(await FailureOf(reply));
        Assert.Equal(Short, ex.Limit);
        Assert.Equal(0, client.PendingCount);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_peer_that_never_reads_makes_a_large_command_time_out_and_drops_the_connection()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var big = new JsonObject { ["blob"] = new string('b', 32 * 1024 * 1024) }; // far beyond the socket buffers

        var ex = Assert.IsType<QmpTimeoutException>(await FailureOf(client.ExecuteAsync("big", big, Short, Ct)));
        Assert.Contains("'big'", ex.Message, StringComparison.Ordinal);

        // Half a command may be on the wire: the connection is no longer usable.
        Assert.IsType<QmpConnectionException>(await client.Closed.WaitAsync(Bound, Ct));
        Assert.IsType<QmpConnectionException>(await FailureOf(client.ExecuteAsync("after", null, Ct)));
        await client.ReadLoopTask.WaitAsync(Bound, Ct);
        await AssertReleasedAsync(client, peer);
    }
}
