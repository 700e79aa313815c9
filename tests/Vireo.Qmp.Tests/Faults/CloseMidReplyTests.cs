using System.Text;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// The peer hangs up while commands are pending — before any reply, in the middle of one, or
/// after answering some. Answered commands keep their result; every other one fails promptly
/// with a <see cref="QmpConnectionException"/> (no waiting for the command time-out, which is
/// 30 s here), and later commands fail the same way.
/// </summary>
public class CloseMidReplyTests
{
    private const int Pending = 3;

    /// <summary>Where the peer hangs up: after answering <c>answered</c> commands, and a fraction of the next reply.</summary>
    public static TheoryData<int, double, bool> Cuts()
    {
        var data = new TheoryData<int, double, bool>();
        foreach (var answered in new[] { 0, 1, Pending - 1 })
        {
            foreach (var fraction in new[] { 0.0, 0.01, 0.5, 0.99 })
            {
                foreach (var fullClose in new[] { true, false })
                {
                    data.Add(answered, fraction, fullClose);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task Hanging_up_mid_reply_fails_the_unanswered_commands(int answered, double fraction, bool fullClose)
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var replies = new Task<System.Text.Json.JsonElement>[Pending];
        var commands = new System.Text.Json.JsonElement[Pending];
        for (var i = 0; i < Pending; i++)
        {
            (replies[i], commands[i]) = await PendingAsync(client, peer, "cmd-" + i);
        }

        for (var i = 0; i < answered; i++)
        {
            await peer.ReplyAsync(commands[i], i.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        }

        var next = Encoding.UTF8.GetBytes($$"""{"return": {"status": "running", "running": true}, "id": {{commands[answered].GetProperty("id").GetRawText()}}}""");
        await peer.SendRawAsync(next.AsMemory(0, (int)(next.Length * fraction)), Ct);
        if (fullClose)
        {
            await peer.DisposeAsync();
        }
        else
        {
            peer.ShutdownSend(); // half-close: the client sees EOF, the peer could still read
        }

        for (var i = 0; i < Pending; i++)
        {
            if (i < answered)
            {
                Assert.Equal(i, (await replies[i].WaitAsync(Bound, Ct)).GetInt32());
            }
            else
            {
                Assert.IsType<QmpConnectionException>(await FailureOf(replies[i]));
            }
        }

        Assert.IsType<QmpConnectionException>(await client.Closed.WaitAsync(Bound, Ct));
        Assert.IsType<QmpConnectionException>(await FailureOf(client.ExecuteAsync("after", null, Ct)));
        await client.ReadLoopTask.WaitAsync(Bound, Ct); // ended by itself, before DisposeAsync
        if (fullClose)
        {
            await client.DisposeAsync();
            Assert.Equal(0, client.PendingCount);
        }
        else
        {
            await AssertReleasedAsync(client, peer);
        }
    }

    [Fact]
    public async Task Hanging_up_while_the_client_sends_a_large_command_fails_it()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var big = new System.Text.Json.Nodes.JsonObject { ["blob"] = new string('b', 8 * 1024 * 1024) };

        var send = client.ExecuteAsync("big", big, Ct);
        await peer.DisposeAsync();

        Assert.IsType<QmpConnectionException>(await FailureOf(send));
        await client.ReadLoopTask.WaitAsync(Bound, Ct);
        await client.DisposeAsync();
        Assert.Equal(0, client.PendingCount);
    }

    [Fact]
    public async Task Hanging_up_during_capability_negotiation_fails_the_connect()
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Generous, Ct);
        var peer = await server.AcceptAsync(Ct);
        await peer.SendAsync(FakeQmpPeer.Greeting, Ct);
        await peer.ReadCommandAsync(Ct);
        await peer.DisposeAsync();

        var ex = Assert.IsType<QmpConnectionException>(await FailureOf(connect));
        Assert.Contains("qmp_capabilities", ex.Message, StringComparison.Ordinal);
    }
}
