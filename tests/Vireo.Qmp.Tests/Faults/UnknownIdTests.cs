using System.Text;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// Replies that belong to no pending command — unknown ids of every JSON type, no id, a
/// duplicate reply, a late reply to a timed-out command — are dropped: they complete nothing,
/// accumulate nothing, and the connection keeps working. A reply with the right id but neither
/// <c>return</c> nor <c>error</c> fails that one command.
/// </summary>
public class UnknownIdTests
{
    private static readonly string[] Strays =
    [
        """{"return": {}, "id": "nobody"}""",
        """{"return": {}, "id": ""}""",
        """{"return": {}, "id": 1}""",
        """{"return": {}, "id": -1.5e300}""",
        """{"return": {}, "id": true}""",
        """{"return": {}, "id": null}""",
        """{"return": {}, "id": {"vireo": 1}}""",
        """{"return": {}, "id": ["vireo-1"]}""",
        """{"return": {}, "id": "\ud800"}""",
        """{"return": {}, "id": "vireo-1\u0000"}""",
        """{"return": {}}""",
        """{"error": {"class": "GenericError", "desc": "no id"}}""",
        """{"error": {"class": "GenericError", "desc": "stranger"}, "id": "stranger"}""",
        """{"return": {}, "id": "vireo-999999999999"}""",
        "{\"return\": {}, \"id\": \"" + new string('v', 100_000) + "\"}",
        """{}""",
        """{"unexpected": "member"}""",
    ];

    [Fact]
    public async Task Stray_replies_are_dropped_and_the_connection_keeps_working()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer);

        foreach (var stray in Strays)
        {
            await peer.SendAsync(stray, Ct);
        }

        // The pending command is still pending, and gets its own reply.
        Assert.False(reply.IsCompleted);
        await peer.ReplyAsync(command, """{"mine": true}""", Ct);
        Assert.True((await reply.WaitAsync(Bound, Ct)).GetProperty("mine").GetBoolean());
        Assert.True(client.IsConnected);
        Report("stray replies (unknown or missing id)", Strays.Length);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_duplicate_reply_is_dropped()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (first, command) = await PendingAsync(client, peer);
        await peer.ReplyAsync(command, "1", Ct);
        Assert.Equal(1, (await first.WaitAsync(Bound, Ct)).GetInt32());

        await peer.ReplyAsync(command, "2", Ct); // the same id again
        await peer.ErrorAsync(command, "GenericError", "and again", Ct);
        var (second, next) = await PendingAsync(client, peer);
        await peer.ReplyAsync(next, "3", Ct);

        Assert.Equal(3, (await second.WaitAsync(Bound, Ct)).GetInt32());
        Assert.Equal(0, client.PendingCount);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task Two_replies_for_one_pending_command_the_first_wins()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer);

        await peer.ErrorAsync(command, "DeviceNotFound", "first", Ct);
        await peer.ReplyAsync(command, "{}", Ct);

        var ex = Assert.IsType<QmpErrorException>(await FailureOf(reply));
        Assert.Equal("first", ex.Description);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_reply_without_return_or_error_fails_only_its_command()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer);

        await peer.SendAsync($$"""{"id": {{command.GetProperty("id").GetRawText()}}, "data": 1}""", Ct);

        var ex = Assert.IsType<QmpConnectionException>(await FailureOf(reply));
        Assert.Contains("neither 'return' nor 'error'", ex.Message, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
        var (next, nextCommand) = await PendingAsync(client, peer);
        await peer.ReplyAsync(nextCommand, "5", Ct);
        Assert.Equal(5, (await next.WaitAsync(Bound, Ct)).GetInt32());
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_flood_of_unknown_ids_accumulates_nothing()
    {
        const int inputs = 100_000;
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer);

        var batch = new StringBuilder();
        for (var i = 0; i < inputs; i++)
        {
            batch.Append("{\"return\": {}, \"id\": \"ghost-").Append(i).Append("\"}\n");
            if (batch.Length > 60_000 || i == inputs - 1)
            {
                await peer.SendRawAsync(Encoding.UTF8.GetBytes(batch.ToString()), Ct);
                batch.Clear();
            }
        }

        await peer.ReplyAsync(command, "true", Ct);
        Assert.True((await reply.WaitAsync(Bound, Ct)).GetBoolean());
        Assert.Equal(0, client.PendingCount);
        Report("unknown-id flood", inputs);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_late_reply_to_a_timed_out_command_is_dropped()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var late = client.ExecuteAsync("slow", null, TimeSpan.FromMilliseconds(50), Ct);
        var lateCommand = await peer.ReadCommandAsync(Ct);
        Assert.IsType<QmpTimeoutException>(await FailureOf(late));
        Assert.Equal(0, client.PendingCount);

        var (reply, command) = await PendingAsync(client, peer);
        await peer.ReplyAsync(lateCommand, "\"late\"", Ct);
        await peer.ReplyAsync(command, "\"on time\"", Ct);

        Assert.Equal("on time", (await reply.WaitAsync(Bound, Ct)).GetString());
        await AssertReleasedAsync(client, peer);
    }
}
