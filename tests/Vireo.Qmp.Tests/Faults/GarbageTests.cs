using System.Text;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// The peer sends something that is not a QMP message: not JSON, not an object, binary bytes,
/// invalid UTF-8, JSON nested beyond reason. The connection fails with a
/// <see cref="QmpConnectionException"/> that every pending command receives.
/// </summary>
public class GarbageTests
{
    /// <summary>Hand-written garbage, one line each (the newline is added).</summary>
    public static TheoryData<string, byte[]> Curated()
    {
        var data = new TheoryData<string, byte[]>();
        void Text(string name, string text) => data.Add(name, Encoding.UTF8.GetBytes(text));
        void Bytes(string name, params byte[] bytes) => data.Add(name, bytes);

        Text("words", "hello, QEMU here");
        Text("open-brace", "{not json");
        Text("close-brace", "}");
        Text("empty-array", "[]");
        Text("array", "[1, 2, 3]");
        Text("number", "42");
        Text("string", "\"a string\"");
        Text("null", "null");
        Text("true", "true");
        Text("nan", "NaN");
        Text("comment", "/* hi */ {}");
        Text("trailing-data", "{\"return\": {}, \"id\": \"vireo-99\"} and more");
        Text("two-objects", "{} {}");
        Text("event-not-a-string", "{\"event\": 5}");
        Text("timestamp-not-a-number", "{\"event\": \"X\", \"timestamp\": {\"seconds\": \"soon\"}}");
        Text("timestamp-overflow", "{\"event\": \"X\", \"timestamp\": {\"seconds\": 1e400}}");
        Text("error-not-an-object", "{\"error\": \"boom\", \"id\": \"vireo-99\"}");
        Text("error-class-not-a-string", "{\"error\": {\"class\": 1, \"desc\": \"x\"}, \"id\": \"vireo-99\"}");
        Text("greeting-not-an-object", "{\"QMP\": 7}");
        Text("unterminated-string", "{\"return\": \"abc}");
        Text("bad-escape", "{\"return\": \"\\x41\"}");
        Text("single-quotes", "{'return': {}}");
        Text("deep-nesting", "{\"return\": " + new string('[', 10_000) + new string(']', 10_000) + "}");
        Bytes("nul-inside", [.. "{\"return\""u8, 0, .. ": {}}"u8]);
        Bytes("binary", [.. Enumerable.Range(0, 256).Where(b => b != '\n').Select(b => (byte)b)]);
        Bytes("utf8-lone-continuation", [.. "{\"event\": \""u8, 0x80, .. "\"}"u8]);
        Bytes("utf8-bad-pair", [.. "{\"event\": \""u8, 0xC3, 0x28, .. "\"}"u8]);
        Bytes("utf8-overlong-slash", [.. "{\"event\": \""u8, 0xC0, 0xAF, .. "\"}"u8]);
        Bytes("utf8-encoded-surrogate", [.. "{\"event\": \""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]);
        Bytes("utf8-truncated-sequence", [.. "{\"event\": \""u8, 0xE2, 0x82, .. "\"}"u8]);
        Bytes("utf8-ff-fe", [.. "{\"return\": \""u8, 0xFF, 0xFE, .. "\", \"id\": \"vireo-2\"}"u8]);
        Bytes("utf8-beyond-unicode", [.. "{\"event\": \""u8, 0xF5, 0x80, 0x80, 0x80, .. "\"}"u8]);
        Bytes("utf16-text", [.. Encoding.Unicode.GetBytes("{\"event\": \"X\"}").Where(b => b != '\n')]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Curated))]
    public async Task Garbage_after_the_handshake_fails_pending_commands(string name, byte[] garbage)
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server);
        var (reply, _) = await PendingAsync(client, peer);

        await peer.SendRawAsync(WithNewline(garbage), Ct);

        var ex = Assert.IsType<QmpConnectionException>(await FailureOf(reply));
        Assert.False(string.IsNullOrWhiteSpace(ex.Message), name);
        Assert.IsType<QmpConnectionException>(await client.Closed.WaitAsync(Bound, Ct));
        await Assert.ThrowsAsync<QmpConnectionException>(() => client.ExecuteAsync("after", null, Ct));
        await AssertReleasedAsync(client, peer);
    }

    [Theory]
    [MemberData(nameof(Curated))]
    public async Task Garbage_instead_of_the_greeting_fails_the_connect(string name, byte[] garbage)
    {
        await using var server = FakeQmpServer.Start();
        var connect = QmpClient.ConnectUnixAsync(server.SocketPath, Generous, Ct);
        var peer = await server.AcceptAsync(Ct);

        await peer.SendRawAsync(WithNewline(garbage), Ct);

        Assert.IsType<QmpConnectionException>(await FailureOf(connect));
        Assert.NotNull(name);
        await AssertPeerSeesCloseAsync(peer);
    }

    /// <summary>Seeded random lines (any byte but newline; not starting with '{' or blank, so none is accidentally a valid message).</summary>
    [Fact]
    public async Task Random_bytes_fail_the_connection_every_time()
    {
        const int inputs = 200;
        var random = new Random(20261121);
        await using var server = FakeQmpServer.Start();
        for (var i = 0; i < inputs; i++)
        {
            var line = new byte[random.Next(1, 4097)];
            random.NextBytes(line);
            for (var j = 0; j < line.Length; j++)
            {
                if (line[j] == '\n')
                {
                    line[j] = 0;
                }
            }

            if (line[0] is (byte)'{' or (byte)' ' or (byte)'\t' or (byte)'\r')
            {
                line[0] = (byte)'#';
            }

            var (client, peer) = await ConnectAsync(server);
            var (reply, _) = await PendingAsync(client, peer);
            await peer.SendRawAsync(WithNewline(line), Ct);

            Assert.IsType<QmpConnectionException>(await FailureOf(reply));
            await AssertReleasedAsync(client, peer);
        }

        Report("random garbage lines", inputs);
    }

    private static byte[] WithNewline(byte[] line) => [.. line, (byte)'\n'];
}
