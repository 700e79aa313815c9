namespace Vireo.Cli.Tests;

/// <summary>The example domains of <c>examples/</c> (copied next to the test binaries) and their golden command lines.</summary>
internal static class Examples
{
    public static string Dir { get; } = Path.Combine(AppContext.BaseDirectory, "examples");

    /// <summary>Example names (file names without <c>.xml</c>), sorted.</summary>
    public static IReadOnlyList<string> Names() =>
        [.. Directory.EnumerateFiles(Dir, "*.xml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static string Xml(string name) => Path.Combine(Dir, name + ".xml");

    public static string GoldenArgs(string name) => File.ReadAllText(Path.Combine(Dir, name + ".args"));
}
