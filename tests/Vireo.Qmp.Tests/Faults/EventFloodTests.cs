using System.Text;
using static Vireo.Qmp.Tests.Faults.FaultHarness;

namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// The peer floods a million events while nobody reads them. The queue stays at
/// <see cref="QmpClientOptions.EventCapacity"/>: the oldest events are dropped and counted,
/// the newest are kept, memory does not grow with the flood, and a reply sent after the flood
/// still reaches its command.
/// </summary>
[Collection(nameof(MemoryCollection))]
public class EventFloodTests
{
    private const int Flood = 1_000_000;
    private const int Capacity = 1024;

    [Fact]
    public async Task A_million_unread_events_keep_the_newest_and_count_the_rest()
    {
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Generous with { EventCapacity = Capacity });
        var (reply, command) = await PendingAsync(client, peer);

        const string flood = """{"timestamp": {"seconds": 1700000000, "microseconds": 1}, "event": "RTC_CHANGE", "data": {"offset": 1, "qom-path": "/machine/unattached/device[8]"}}""";
        var batch = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(flood + "\n", 1000)));
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);

        // All but the last Capacity events are alike; the last Capacity are numbered.
        for (var sent = 0; sent < Flood - Capacity; sent += 1000)
        {
            var n = Math.Min(1000, Flood - Capacity - sent);
            await peer.SendRawAsync(batch.AsMemory(0, n * (flood.Length + 1)), Ct);
        }

        var last = new StringBuilder();
        for (var i = 0; i < Capacity; i++)
        {
            last.Append("{\"event\": \"LAST\", \"data\": {\"n\": ").Append(i).Append("}}\n");
        }

        await peer.SendRawAsync(Encoding.UTF8.GetBytes(last.ToString()), Ct);
        await peer.ReplyAsync(command, "{}", Ct);
        await reply.WaitAsync(Bound, Ct);

        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;
        Assert.Equal(Flood - Capacity, client.DroppedEventCount);
        Assert.Equal(Capacity, client.Events.Count);
        for (var i = 0; i < Capacity; i++)
        {
            var evt = await client.Events.ReadAsync(Ct);
            Assert.Equal("LAST", evt.Name);
            Assert.Equal(i, evt.Data!.Value.GetProperty("n").GetInt32());
        }

        Assert.True(retained < 32L * 1024 * 1024, $"{retained} bytes retained after {Flood} events");
        TestContext.Current.TestOutputHelper?.WriteLine($"event flood: {Flood} events, {client.DroppedEventCount} dropped, {retained} bytes retained");
        Report("events flooded", Flood);
        await AssertReleasedAsync(client, peer);
    }

    [Fact]
    public async Task A_reader_keeping_up_with_a_flood_loses_nothing()
    {
        const int events = 50_000;
        await using var server = FakeQmpServer.Start();
        var (client, peer) = await ConnectAsync(server, Generous with { EventCapacity = events });
        var (reply, command) = await PendingAsync(client, peer);
        var read = Task.Run(async () =>
        {
            var count = 0;
            await foreach (var evt in client.Events.ReadAllAsync(Ct))
            {
                Assert.Equal(count, evt.Data!.Value.GetProperty("n").GetInt32());
                if (++count == events)
                {
                    break;
                }
            }

            return count;
        });

        var batch = new StringBuilder();
        for (var i = 0; i < events; i++)
        {
            batch.Append("{\"event\": \"E\", \"data\": {\"n\": ").Append(i).Append("}}\n");
        }

        await peer.SendRawAsync(Encoding.UTF8.GetBytes(batch.ToString()), Ct);
        await peer.ReplyAsync(command, "{}", Ct);
        await reply.WaitAsync(Bound, Ct);

        Assert.Equal(events, await read.WaitAsync(Bound, Ct));
        Assert.Equal(0, client.DroppedEventCount);
        await AssertReleasedAsync(client, peer);
    }
}
