using Vireo.Domain.Errors;
using Vireo.Domain.Memory;

namespace Vireo.Domain.Tests.Memory;

public sealed class MemoryBackingConfigTests
{
    [Theory]
    [InlineData(2048UL, null, 2048UL)]
    [InlineData(2UL, "MiB", 2048UL)]
    [InlineData(1UL, "GiB", 1048576UL)]
    [InlineData(1UL, "TiB", 1073741824UL)]
    [InlineData(1024000UL, "KB", 1000000UL)]
    [InlineData(4096UL, "bytes", 4UL)]
    public void ScalesLibvirtUnitsToKiB(ulong value, string? unit, ulong expected) =>
        Assert.Equal(expected, MemoryBackingConfig.ScaleToKiB(value, unit));

    [Theory]
    [InlineData(18446744073709551615UL, "MiB")]
    [InlineData(17179869184UL, "TiB")]
    [InlineData(18446744073709551615UL, "GB")]
    public void RefusesSizesPast64Bits_InsteadOfWrapping(ulong value, string unit)
    {
        var e = Assert.Throws<DomainXmlException>(() => MemoryBackingConfig.ScaleToKiB(value, unit));

        Assert.Contains("too large", e.Message, StringComparison.Ordinal);
    }
}
