namespace Vireo.Qemu.Tests.DomainCapabilities;

/// <summary>
/// The libvirt 9.0 corpus' domaincaps rows (domaincaps.tsv), found next to an ancestor of
/// the test binaries; null/empty when the corpus is absent.
/// </summary>
internal static class DomainCapsCorpus
{
    private static readonly Lazy<string?> Found = new(Find);

    /// <summary>The corpus directory, or null.</summary>
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

    /// <summary>The manifest rows as column → value maps, in file order.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Rows()
    {
        if (Root is not { } root)
        {
            return [];
        }

        var lines = File.ReadAllLines(Path.Combine(root, "domaincaps.tsv"));
        var header = lines[0].Split('\t');
        var rows = new List<IReadOnlyDictionary<string, string>>();
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            rows.Add(header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : "")).ToDictionary(p => p.h, p => p.v, StringComparer.Ordinal));
        }

        return rows;
    }

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "libvirt-9.0.0");
            if (File.Exists(Path.Combine(candidate, "domaincaps.tsv")))
            {
                return candidate;
            }
        }

        return null;
    }
}
