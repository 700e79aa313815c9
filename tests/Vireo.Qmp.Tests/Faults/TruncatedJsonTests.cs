using System.Text;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// The peer sends the first <c>k</c> bytes of a well-formed message and then hangs up, for every
/// <c>k</c>: the fragment is never taken for a message; the handshake or the pending command
/// fails with a <see cref="QmpConnectionException"/>.
/// </summary>
public class TruncatedJsonTests
{
    [Fact]
    public async Task Every_prefix_of_the_greeting_then_EOF_fails_the_connect()
    {
        var greeting = Encoding.UTF8.GetBytes(FakeQmpPeer.Greeting);
        await using var server = FakeQmpServer.Start();
        for (var k = 0; k < greeting.Length; k++)
        {
            var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Generous, Ct);
            var peer = await server.AcceptAsync(Ct);
            await peer.SendRawAsync(greeting.AsMemory(0, k), Ct);
            peer.ShutdownSend();

            Assert.IsType<QmpConnectionException>(await FailureOf(connect));
            await AssertPeerSeesCloseAsync(peer);
        }

        Report("truncated greeting", greeting.Length);
    }

    [Theory]
    [InlineData("return", """{"return": {"status": "running", "singlestep": false, "running": true}, "id": ID}""")]
    [InlineData("error", """{"error": {"class": "DeviceNotFound", "desc": "Gerät »net0« nicht gefunden ✓"}, "id": ID}""")]
    public async Task Every_prefix_of_a_reply_then_EOF_fails_the_command(string kind, string template)
    {
        await using var server = FakeQmpServer.Start();
        var tried = 0;
        for (var k = 1; ; k++)
        {
            var (client, peer) = await ConnectAsync(server);
            var (reply, command) = await PendingAsync(client, peer);
            var full = Encoding.UTF8.GetBytes(template.Replace("ID", command.GetProperty("id").GetRawText(), StringComparison.Ordinal));
            if (k >= full.Length)
            {
                await peer.ReplyAsync(command, "{}", Ct); // leave cleanly
                await AssertReleasedAsync(client, peer);
                break;
            }

            await peer.SendRawAsync(full.AsMemory(0, k), Ct);
            peer.ShutdownSend();

            Assert.IsType<QmpConnectionException>(await FailureOf(reply));
            Assert.False(client.IsConnected, kind);
            await AssertReleasedAsync(client, peer);
            tried++;
        }

        Report("truncated " + kind + " reply", tried);
        Assert.True(tried > 50);
    }

    [Fact]
    public async Task A_complete_message_without_its_newline_before_EOF_still_counts()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, command) = await PendingAsync(client, peer);

        await peer.SendRawAsync(Encoding.UTF8.GetBytes($$"""{"return": 7, "id": {{command.GetProperty("id").GetRawText()}}}"""), Ct);
        peer.ShutdownSend();

        Assert.Equal(7, (await reply.WaitAsync(Bound, Ct)).GetInt32());
        Assert.IsType<QmpConnectionException>(await client.Closed.WaitAsync(Bound, Ct));
        await AssertReleasedAsync(client, peer);
    }
}
