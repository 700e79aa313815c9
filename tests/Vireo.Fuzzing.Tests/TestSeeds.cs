namespace Vireo.Fuzzing.Tests;

/// <summary>The seeds and capabilities the tests fuzz with: the corpus when it is next to an ancestor of the test binaries, else the repository's examples.</summary>
internal static class TestSeeds
{
    private static readonly Lazy<string?> CorpusDir = new(() => FuzzLocations.FindCorpus(AppContext.BaseDirectory));

    private static readonly Lazy<SeedCorpus> Seeds = new(() => CorpusDir.Value is { } dir
        ? SeedCorpus.FromCorpus(dir)
        : SeedCorpus.FromDirectory(FuzzLocations.FindExamples(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException("neither the corpus nor examples/ was found")));

    private static readonly Lazy<FuzzMutator> SharedMutator = new(() => new FuzzMutator(Seeds.Value));

    private static readonly Lazy<FuzzTarget> SharedTarget = new(() => new FuzzTarget(FuzzCapabilities.Create(CorpusDir.Value)));

    /// <summary>The corpus directory, or null.</summary>
    public static string? Corpus => CorpusDir.Value;

    /// <summary>The seed inputs.</summary>
    public static SeedCorpus Corpus_Seeds => Seeds.Value;

    /// <summary>A mutator over the seeds (shared).</summary>
    public static FuzzMutator Mutator => SharedMutator.Value;

    /// <summary>The real pipeline (shared).</summary>
    public static FuzzTarget Target => SharedTarget.Value;

    /// <summary>The repository's examples directory.</summary>
    public static string Examples => FuzzLocations.FindExamples(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("examples/ not found");
}
