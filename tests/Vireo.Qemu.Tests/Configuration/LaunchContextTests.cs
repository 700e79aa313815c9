using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Tests.Configuration;

public sealed class LaunchContextTests
{
    [Fact]
    public void ShortNameKeepsShortNamesWhole()
    {
        var context = new LaunchContext { DomainId = 3 };

        Assert.Equal("3-guest", context.ShortName("guest"));
    }

    [Fact]
    public void ShortNameTruncatesToTwentyCharacters()
    {
        var context = new LaunchContext { DomainId = 1 };

        Assert.Equal("1-abcdefghijklmnopqrst", context.ShortName("abcdefghijklmnopqrstuvwxyz"));
    }

    [Fact]
    public void ShortNameCountsCodePointsAndNeverSplitsASurrogatePair()
    {
        var context = new LaunchContext { DomainId = 1 };
        var name = string.Concat(Enumerable.Repeat("\U0001F600", 25));

        var shortName = context.ShortName(name);

        Assert.Equal("1-" + string.Concat(Enumerable.Repeat("\U0001F600", 20)), shortName);
        Assert.True(System.Text.Unicode.Utf8.FromUtf16(shortName, new byte[200], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done);
    }
}
