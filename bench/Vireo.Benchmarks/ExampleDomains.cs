namespace Vireo.Benchmarks;

/// <summary>The small domains of <c>examples/*.xml</c>, copied next to the benchmark assembly.</summary>
public static class ExampleDomains
{
    /// <summary>Example names (file name without <c>.xml</c>), sorted.</summary>
    public static IEnumerable<string> Names =>
        Directory.EnumerateFiles(Folder, "*.xml")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Order(StringComparer.Ordinal);

    /// <summary>The XML text of one example.</summary>
    public static string Load(string name) => File.ReadAllText(Path.Combine(Folder, name + ".xml"));

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "examples");
}
