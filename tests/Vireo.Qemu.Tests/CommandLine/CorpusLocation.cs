namespace Vireo.Qemu.Tests.CommandLine;

/// <summary>Finds the read-only libvirt 9.0.0 corpus next to an ancestor of the test binaries.</summary>
internal static class CorpusLocation
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The corpus directory; skips the calling test when absent.</summary>
    public static string RootOrSkip()
    {
        var root = Found.Value;
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
            if (Directory.Exists(Path.Combine(candidate, "tests", "qemuxml2argvdata")))
            {
                return candidate;
            }
        }

        return null;
    }
}
