using System.Text;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// Shared steps of the fault tests: connect to the fake server, then prove nothing leaked —
/// after <see cref="QmpClient.DisposeAsync"/> the read loop has finished, no command is still
/// pending, and the fake server sees the socket closed.
/// </summary>
internal static class FaultHarness
{
    /// <summary>
    /// Upper bound for anything a test waits on, so that a regression fails the test instead
    /// of hanging it. It is a liveness guard, not a speed assertion: every wait normally ends
    /// in milliseconds.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    /// <summary>Generous limits: faults must be detected by what the peer does, not by a timer.</summary>
    public static readonly QmpClientOptions Generous = new()
    {
        ConnectTimeout = TimeSpan.FromSeconds(30),
        GreetingTimeout = TimeSpan.FromSeconds(30),
        CommandTimeout = TimeSpan.FromSeconds(30),
    };

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Connects and completes the handshake.</summary>
    public static async Task<(QmpClient Client, FakeQmpPeer Peer)> ConnectAsync(FakeQmpServer server, QmpClientOptions? options = null)
    {
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, options ?? Generous, Ct);
        var peer = await server.AcceptAsync(Ct);
        await peer.HandshakeAsync(Ct);
        return (await connect.WaitAsync(Bound, Ct), peer);
    }

    /// <summary>Starts a command and waits until the peer has read it.</summary>
    public static async Task<(Task<System.Text.Json.JsonElement> Reply, System.Text.Json.JsonElement Command)> PendingAsync(QmpClient client, FakeQmpPeer peer, string name = "query-status")
    {
        var reply = client.ExecuteAsync(name, null, Ct);
        var command = await peer.ReadCommandAsync(Ct).WaitAsync(Bound, Ct);
        return (reply, command);
    }

    /// <summary>Awaits <paramref name="task"/> (bounded) and returns the exception it failed with; fails the test if it did not fail.</summary>
    public static async Task<Exception> FailureOf(Task task)
    {
        try
        {
            await task.WaitAsync(Bound, Ct);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            Assert.Fail("the operation did not end: " + ex.Message);
        }
        catch (Exception ex)
        {
            return ex;
        }

        Assert.Fail("the operation succeeded but should have failed");
        return null!;
    }

    /// <summary>Disposes the client and asserts it released everything: read loop done, nothing pending, socket closed.</summary>
    public static async Task AssertReleasedAsync(QmpClient client, FakeQmpPeer peer)
    {
        await client.DisposeAsync();
        await client.ReadLoopTask.WaitAsync(Bound, Ct);
        Assert.True(client.ReadLoopTask.IsCompleted);
        Assert.Equal(0, client.PendingCount);
        Assert.False(client.IsConnected);
        Assert.True(await peer.WaitForEofAsync(Ct).WaitAsync(Bound, Ct));
        await peer.DisposeAsync();
    }

    /// <summary>The server's half of a failed handshake: it must see the client hang up.</summary>
    public static async Task AssertPeerSeesCloseAsync(FakeQmpPeer peer)
    {
        Assert.True(await peer.WaitForEofAsync(Ct).WaitAsync(Bound, Ct));
        await peer.DisposeAsync();
    }

    public static byte[] Line(string text) => Encoding.UTF8.GetBytes(text + "\n");

    /// <summary>Reports how many inputs a test tried (quoted in docs/security.md).</summary>
    public static void Report(string fault, int inputs) =>
        TestContext.Current.TestOutputHelper?.WriteLine($"{fault}: {inputs} inputs tried");
}
