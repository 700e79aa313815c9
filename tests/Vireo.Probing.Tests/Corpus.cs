namespace Vireo.Probing.Tests;

/// <summary>Locates the read-only libvirt 9.0.0 conformance corpus, if present.</summary>
internal static class Corpus
{
    private static readonly Lazy<string?> RootDir = new(FindRoot);

    /// <summary>The corpus root (…/shared/conformance/libvirt-9.0.0), or null when absent.</summary>
    public static string? Root => RootDir.Value;

    /// <summary>The qemucapabilitiesdata directory, or null when the corpus is absent.</summary>
    public static string? CapsDir => Root is { } root ? Path.Combine(root, "tests", "qemucapabilitiesdata") : null;

    /// <summary>The qemucapabilitiesdata directory, or skips the test when the corpus is absent.</summary>
    public static string CapsDirOrSkip()
    {
        var dir = CapsDir;
        if (dir is null || !Directory.Exists(dir))
        {
            Assert.Skip("conformance corpus (shared/conformance/libvirt-9.0.0) not found");
        }

        return dir;
    }

    /// <summary>Names (caps_X.Y.Z.ARCH) of every recorded probe that has both replies and XML.</summary>
    public static IReadOnlyList<string> ReplayNames()
    {
        if (CapsDir is not { } dir || !Directory.Exists(dir))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(dir, "caps_*.replies")
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Where(n => File.Exists(Path.Combine(dir, n + ".xml")))
            .Order(StringComparer.Ordinal)];
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "libvirt-9.0.0");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
