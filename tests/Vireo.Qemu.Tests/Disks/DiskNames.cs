using System.Text;

namespace Vireo.Qemu.Tests.Disks;

/// <summary>Disk target names for generated test domains.</summary>
internal static class DiskNames
{
    /// <summary>The letters after a disk prefix for the disk at <paramref name="index"/>: a..z, aa..az, ba...</summary>
    public static string Suffix(int index)
    {
        var sb = new StringBuilder();
        for (var i = index; i >= 0; i = (i / 26) - 1)
        {
            sb.Insert(0, (char)('a' + (i % 26)));
        }

        return sb.ToString();
    }
}
