using System.Collections.Immutable;

namespace Vireo.Fuzzing;

/// <summary>
/// The seed inputs: the domain XMLs of the libvirt corpus (<c>tests/qemuxml2argvdata/*.xml</c>
/// and <c>tests/qemuxml2xmloutdata/*.xml</c>), read at run time, or any directory of
/// <c>*.xml</c> files. Sorted by path, so a seed's index is stable between runs.
/// </summary>
public sealed class SeedCorpus
{
    /// <summary>Seeds larger than this are skipped.</summary>
    public const int MaxSeedBytes = 256 * 1024;

    private static readonly string[] CorpusSeedDirectories = ["qemuxml2argvdata", "qemuxml2xmloutdata"];

    private SeedCorpus(ImmutableArray<FuzzSeed> seeds, string description)
    {
        Seeds = seeds;
        Description = description;
    }

    /// <summary>The seeds, in a stable order.</summary>
    public ImmutableArray<FuzzSeed> Seeds { get; }

    /// <summary>Where the seeds came from.</summary>
    public string Description { get; }

    /// <summary>Seeds from the libvirt corpus directory.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory is not a corpus.</exception>
    public static SeedCorpus FromCorpus(string corpusDir)
    {
        ArgumentNullException.ThrowIfNull(corpusDir);
        if (!FuzzLocations.IsCorpus(corpusDir))
        {
            throw new DirectoryNotFoundException($"'{corpusDir}' is not a conformance corpus (no argv.tsv and tests/)");
        }

        var files = CorpusSeedDirectories
            .Select(d => Path.Combine(corpusDir, "tests", d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.xml"));
        return new SeedCorpus(Read(files), "corpus " + corpusDir);
    }

    /// <summary>Seeds from every <c>*.xml</c> file of a directory (not recursive).</summary>
    public static SeedCorpus FromDirectory(string dir)
    {
        ArgumentNullException.ThrowIfNull(dir);
        if (!Directory.Exists(dir))
        {
            throw new DirectoryNotFoundException($"no such directory '{dir}'");
        }

        return new SeedCorpus(Read(Directory.EnumerateFiles(dir, "*.xml")), "directory " + dir);
    }

    /// <summary>Seeds given in memory (tests).</summary>
    public static SeedCorpus FromSeeds(IEnumerable<FuzzSeed> seeds, string description = "in-memory seeds") =>
        new([.. seeds], description);

    private static ImmutableArray<FuzzSeed> Read(IEnumerable<string> files)
    {
        var seeds = ImmutableArray.CreateBuilder<FuzzSeed>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(file);
            if (info.Length is 0 or > MaxSeedBytes)
            {
                continue;
            }

            seeds.Add(new FuzzSeed(info.Name, File.ReadAllBytes(file)));
        }

        return seeds.ToImmutable();
    }
}
