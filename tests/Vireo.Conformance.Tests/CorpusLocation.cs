namespace Vireo.Conformance.Tests;

/// <summary>Finds the read-only libvirt 9.0.0 corpus: a <c>shared/conformance/libvirt-9.0.0</c> directory next to an ancestor of the test binaries.</summary>
internal static class CorpusLocation
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The corpus directory, or null when it is absent.</summary>
    public static string? Root => Found.Value;

    /// <summary>The corpus directory; skips the calling test when absent.</summary>
    public static string RootOrSkip()
    {
        var root = Root;
        if (root is null)
        {
            Assert.Skip("conformance corpus (shared/conformance/libvirt-9.0.0) not found");
        }

        return root;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "libvirt-9.0.0");
            if (File.Exists(Path.Combine(candidate, "argv.tsv")))
            {
                return candidate;
            }
        }

        return null;
    }
}
