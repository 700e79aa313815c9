using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>
/// The whole snapshot, not only flags and machines: a replayed probe written with
/// <see cref="LibvirtCapsXml.Format"/> equals the recorded file written the same way, apart
/// from facts of the recording host that QMP does not carry (microcode version).
/// </summary>
public class ReplayXmlTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(ReplayProbeTests.Names), MemberType = typeof(ReplayProbeTests))]
    public async Task Replay_FormatsLikeRecordedFile(string name)
    {
        var dir = Corpus.CapsDirOrSkip();
        var cmp = await ReplayComparison.RunAsync(dir, name, TestContext.Current.CancellationToken);
        var expected = LibvirtCapsXml.Format(cmp.Recorded with { MicrocodeVersion = 0, KvmVersion = 0 }).Split('\n');
        var actual = LibvirtCapsXml.Format(cmp.Derived).Split('\n');

        var firstDiff = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
        if (firstDiff >= 0)
        {
            output.WriteLine($"line {firstDiff + 1}:\n  expected: {expected[firstDiff]}\n  actual:   {actual[firstDiff]}");
        }

        Assert.Equal(expected, actual);
    }
}
