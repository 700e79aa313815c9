namespace Vireo.Capabilities.Tests;

/// <summary>Locates the read-only libvirt 9.0.0 conformance corpus, if present.</summary>
internal static class Corpus
{
    private static readonly Lazy<string?> RootDir = new(FindRoot);

    /// <summary>The corpus root (…/shared/conformance/libvirt-9.0.0), or null when absent.</summary>
    public static string? Root => RootDir.Value;

    /// <summary>The qemucapabilitiesdata directory, or skips the test when the corpus is absent.</summary>
    public static string CapsDirOrSkip()
    {
        var root = Root;
        if (root is null)
        {
            Assert.Skip("conformance corpus (shared/conformance/libvirt-9.0.0) not found");
        }

        return Path.Combine(root, "tests", "qemucapabilitiesdata");
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
