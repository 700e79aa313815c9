using System.Text;
using System.Text.Json.Nodes;
using Vireo.Domain.Errors;

namespace Vireo.Qmp.Tests;

public class QmpClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly QmpClientOptions Fast = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        GreetingTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(5),
    };

    private static async Task<(QmpClient Client, FakeQmpPeer Peer)> ConnectAsync(FakeQmpServer server, QmpClientOptions? options = null)
    {
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, options ?? Fast, Ct);
        var peer = await server.AcceptAsync(Ct);
        await peer.HandshakeAsync(Ct);
        return (await connect, peer);
    }

    [Fact]
    public async Task Connect_ReadsGreetingAndNegotiatesCapabilities()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            Assert.True(client.IsConnected);
            Assert.Equal((7, 2, 22), (client.Greeting.Major, client.Greeting.Minor, client.Greeting.Micro));
            Assert.Equal("Debian 1:7.2", client.Greeting.Package);
            Assert.Equal(["oob"], client.Greeting.Capabilities);
        }
    }

    [Fact]
    public async Task Execute_ConcurrentCommands_RepliesMatchedById()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            var tasks = Enumerable.Range(0, 3)
                .Select(i => client.ExecuteAsync("echo", new JsonObject { ["n"] = i }, Ct))
                .ToArray();
            var commands = new[] { await peer.ReadCommandAsync(Ct), await peer.ReadCommandAsync(Ct), await peer.ReadCommandAsync(Ct) };
            Assert.Equal(3, commands.Select(c => c.GetProperty("id").GetString()).Distinct().Count());

            // Answer in reverse order: each caller must still get its own reply.
            foreach (var c in commands.Reverse())
            {
                var n = c.GetProperty("arguments").GetProperty("n").GetInt32();
                await peer.ReplyAsync(c, $$"""{"n": {{n}}}""", Ct);
            }

            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(i, (await tasks[i]).GetProperty("n").GetInt32());
            }
        }
    }

    [Fact]
    public async Task Execute_ErrorReply_KeepsClassAndDescription()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("device-list-properties", new JsonObject { ["typename"] = "nope" }, Ct);
            await peer.ErrorAsync(await peer.ReadCommandAsync(Ct), "DeviceNotFound", "Device 'nope' not found", Ct);

            var ex = await Assert.ThrowsAsync<QmpErrorException>(() => task);
            Assert.Equal("DeviceNotFound", ex.ErrorClass);
            Assert.Equal("Device 'nope' not found", ex.Description);
            Assert.Equal("device-list-properties", ex.Command);
            Assert.IsAssignableFrom<VireoException>(ex);
            Assert.True(client.IsConnected);
        }
    }

    [Fact]
    public async Task Events_ArriveOnTheirOwnChannel()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("stop", null, Ct);
            var command = await peer.ReadCommandAsync(Ct);
            await peer.EventAsync("STOP", Ct);
            await peer.ReplyAsync(command, "{}", Ct);
            await task;

            var evt = await client.Events.ReadAsync(Ct);
            Assert.Equal("STOP", evt.Name);
            Assert.Equal("STOP", evt.Data!.Value.GetProperty("n").GetString());
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddMilliseconds(250), evt.Timestamp);
            Assert.Equal(0, client.DroppedEventCount);
        }
    }

    [Fact]
    public async Task Events_QueueFull_DropsOldestAndCounts()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Fast with { EventCapacity = 2 });
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("sync", null, Ct);
            var command = await peer.ReadCommandAsync(Ct);
            for (var i = 0; i < 5; i++)
            {
                await peer.EventAsync("E" + i, Ct);
            }

            await peer.ReplyAsync(command, "{}", Ct); // processed after the events
            await task;

            Assert.Equal(3, client.DroppedEventCount);
            Assert.Equal("E3", (await client.Events.ReadAsync(Ct)).Name);
            Assert.Equal("E4", (await client.Events.ReadAsync(Ct)).Name);
        }
    }

    [Fact]
    public async Task DroppedConnection_FailsEveryPendingCommand()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        {
            var tasks = Enumerable.Range(0, 3).Select(i => client.ExecuteAsync("slow-" + i, null, Ct)).ToArray();
            for (var i = 0; i < 3; i++)
            {
                await peer.ReadCommandAsync(Ct);
            }

            await peer.DisposeAsync();

            foreach (var t in tasks)
            {
                var ex = await Assert.ThrowsAsync<QmpConnectionException>(() => t);
                Assert.Contains("closed by QEMU", ex.Message, StringComparison.Ordinal);
            }

            var reason = await client.Closed.WaitAsync(TimeSpan.FromSeconds(5), Ct);
            Assert.Contains("closed by QEMU", reason.Message, StringComparison.Ordinal);
            Assert.False(client.IsConnected);
            await Assert.ThrowsAsync<QmpConnectionException>(() => client.ExecuteAsync("after", null, Ct));
            Assert.False(await client.Events.WaitToReadAsync(Ct)); // event stream completed
        }
    }

    [Fact]
    public async Task OverlongLine_FailsTheConnectionCleanly()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Fast with { MaxLineBytes = 4096 });
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("big", null, Ct);
            var command = await peer.ReadCommandAsync(Ct);
            var huge = "{\"return\": \"" + new string('x', 10_000) + "\", \"id\": " + command.GetProperty("id").GetRawText() + "}";
            await peer.SendAsync(huge, Ct);

            var ex = await Assert.ThrowsAsync<QmpConnectionException>(() => task);
            Assert.Contains("4096-byte limit", ex.Message, StringComparison.Ordinal);
            Assert.False(client.IsConnected);
        }
    }

    [Fact]
    public async Task OverlongLine_WithoutNewline_FailsWithoutBufferingIt()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Fast with { MaxLineBytes = 4096 });
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("big", null, Ct);
            await peer.ReadCommandAsync(Ct);
            await peer.SendRawAsync(Encoding.ASCII.GetBytes(new string(' ', 100_000)), Ct);

            await Assert.ThrowsAsync<QmpConnectionException>(() => task);
        }
    }

    [Fact]
    public async Task MalformedMessage_FailsTheConnection()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("x", null, Ct);
            await peer.ReadCommandAsync(Ct);
            await peer.SendAsync("{not json", Ct);

            var ex = await Assert.ThrowsAsync<QmpConnectionException>(() => task);
            Assert.Contains("malformed", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CommandTimeout_ThrowsAndLateReplyIsIgnored()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            var task = client.ExecuteAsync("slow", null, TimeSpan.FromMilliseconds(100), Ct);
            var slow = await peer.ReadCommandAsync(Ct);
            var ex = await Assert.ThrowsAsync<QmpTimeoutException>(() => task);
            Assert.Contains("'slow'", ex.Message, StringComparison.Ordinal);

            await peer.ReplyAsync(slow, "{}", Ct); // too late: dropped
            var next = client.ExecuteAsync("fast", null, Ct);
            await peer.ReplyAsync(await peer.ReadCommandAsync(Ct), "42", Ct);
            Assert.Equal(42, (await next).GetInt32());
        }
    }

    [Fact]
    public async Task Cancellation_ThrowsOperationCanceled_ClientStaysUsable()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        await using (peer)
        {
            using var cts = new CancellationTokenSource();
            var task = client.ExecuteAsync("wait", null, cts.Token);
            await peer.ReadCommandAsync(Ct);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);

            var next = client.ExecuteAsync("fast", null, Ct);
            await peer.ReplyAsync(await peer.ReadCommandAsync(Ct), "true", Ct);
            Assert.True((await next).GetBoolean());
        }
    }

    [Fact]
    public async Task NoGreeting_TimesOut()
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Fast with { GreetingTimeout = TimeSpan.FromMilliseconds(150) }, Ct);
        await using var peer = await server.AcceptAsync(Ct);

        var ex = await Assert.ThrowsAsync<QmpTimeoutException>(() => connect);
        Assert.Contains("greeting", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstMessageNotAGreeting_FailsTheHandshake()
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Fast, Ct);
        await using var peer = await server.AcceptAsync(Ct);
        await peer.SendAsync("""{"return": {}}""", Ct);

        await Assert.ThrowsAsync<QmpConnectionException>(() => connect);
    }

    [Fact]
    public async Task NoServer_ConnectFailsWithConnectionException()
    {
        var missing = Path.Combine(Path.GetTempPath(), "vireo-no-such-" + Guid.NewGuid().ToString("N") + ".sock");

        var ex = await Assert.ThrowsAsync<QmpConnectionException>(() => QmpClient.ConnectUnixAsync(missing, Fast, Ct));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamTransport_WorksOverAnyStream()
    {
        await using var server = FakeQmpServer.Start();
        var (clientStream, peer) = await server.ConnectPairAsync(Ct);
        await using (peer)
        {
            var connect = QmpClient.ConnectAsync(new StreamQmpTransport(clientStream), Fast, Ct);
            await peer.HandshakeAsync(Ct);
            await using var client = await connect;

            var task = client.ExecuteAsync("query-status", null, Ct);
            await peer.ReplyAsync(await peer.ReadCommandAsync(Ct), """{"status": "prelaunch", "running": false}""", Ct);
            Assert.Equal("prelaunch", (await task).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Dispose_FailsPendingCommands()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (peer)
        {
            var task = client.ExecuteAsync("never", null, Ct);
            await peer.ReadCommandAsync(Ct);
            await client.DisposeAsync();

            await Assert.ThrowsAsync<QmpConnectionException>(() => task);
            Assert.False(client.IsConnected);
        }
    }

    [Fact]
    public async Task Quit_PeerClosingBeforeReplying_IsSuccess()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        await using (client)
        {
            var quit = client.QuitAsync(TimeSpan.FromSeconds(5), Ct);
            await peer.ReadCommandAsync(Ct);
            await peer.DisposeAsync();
            await quit;
            Assert.False(client.IsConnected);
        }
    }
}
