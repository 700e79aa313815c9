namespace Vireo.Fuzzing;

/// <summary>Finds the seed sources at run time: the libvirt 9.0.0 corpus next to an ancestor directory, or the repository's <c>examples/</c>.</summary>
public static class FuzzLocations
{
    /// <summary>The corpus path below an ancestor (<c>shared/conformance/libvirt-9.0.0</c>).</summary>
    public static readonly string CorpusRelativePath = Path.Combine("shared", "conformance", "libvirt-9.0.0");

    /// <summary>True when <paramref name="dir"/> looks like the corpus (it has <c>argv.tsv</c> and <c>tests/</c>).</summary>
    public static bool IsCorpus(string dir) =>
        File.Exists(Path.Combine(dir, "argv.tsv")) && Directory.Exists(Path.Combine(dir, "tests"));

    /// <summary>The corpus next to <paramref name="start"/> or one of its ancestors, or null.</summary>
    public static string? FindCorpus(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, CorpusRelativePath);
            if (IsCorpus(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The <c>examples/</c> directory of the Vireo checkout holding <paramref name="start"/>, or null.</summary>
    public static string? FindExamples(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples");
            if (File.Exists(Path.Combine(dir.FullName, "Vireo.slnx")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
