using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Vireo.Fuzzing;

/// <summary>
/// Generates input <c>i</c> of a run from the run seed and <c>i</c> alone (so workers can
/// generate in any order and any input can be regenerated): pick a seed, apply 1–4
/// structure-aware mutations (mostly), then byte-level ones (sometimes). Thread-safe.
/// </summary>
public sealed class FuzzMutator
{
    /// <summary>The default bound on a generated input's size.</summary>
    public const int DefaultMaxInputBytes = 256 * 1024;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        CheckCharacters = false,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        NewLineHandling = NewLineHandling.None,
    };

    /// <summary>Creates a mutator over seeds, harvesting its dictionary from them.</summary>
    /// <exception cref="ArgumentException">There are no seeds.</exception>
    public FuzzMutator(SeedCorpus seeds, int maxInputBytes = DefaultMaxInputBytes)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        if (seeds.Seeds.IsEmpty)
        {
            throw new ArgumentException("no seed inputs", nameof(seeds));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxInputBytes, 16);
        Seeds = seeds;
        MaxInputBytes = maxInputBytes;
        Dictionary = XmlDictionary.Harvest(seeds.Seeds);
        _parsed = [.. seeds.Seeds.Select(s => new Lazy<XDocument?>(() => XmlDictionary.TryParse(s.Bytes), LazyThreadSafetyMode.ExecutionAndPublication))];
    }

    // Each seed parsed once; never modified (mutations work on a copy), so shared between threads.
    private readonly Lazy<XDocument?>[] _parsed;

    /// <summary>The seeds.</summary>
    public SeedCorpus Seeds { get; }

    /// <summary>The harvested dictionary.</summary>
    public XmlDictionary Dictionary { get; }

    /// <summary>The bound on a generated input's size, in bytes.</summary>
    public int MaxInputBytes { get; }

    /// <summary>Generates input <paramref name="index"/> of the run seeded <paramref name="runSeed"/>.</summary>
    public FuzzInput Generate(ulong runSeed, long index)
    {
        var rng = FuzzRandom.ForInput(runSeed, index);
        var seedIndex = rng.Next(Seeds.Seeds.Length);
        var seed = Seeds.Seeds[seedIndex];
        var bytes = seed.Bytes.Length > MaxInputBytes ? seed.Bytes[..MaxInputBytes] : seed.Bytes;
        var steps = new List<string>();
        var mode = rng.Next(100);

        // 70%: structure first; of those, 25% get byte-level noise after. 30%: bytes only.
        if (mode < 70 && Parsed(seedIndex) is { } parsed)
        {
            var doc = new XDocument(parsed);
            var count = rng.Next(1, 5);
            for (var i = 0; i < count; i++)
            {
                steps.Add(StructureMutator.Mutate(doc, rng, Dictionary, () => Parsed(rng.Next(Seeds.Seeds.Length))));
            }

            bytes = Serialize(doc);
            if (bytes.Length > MaxInputBytes)
            {
                bytes = bytes[..MaxInputBytes];
                steps.Add("truncate");
            }

            if (mode >= 52)
            {
                AddByteMutations(ref bytes, rng, steps, rng.Next(1, 3));
            }
        }
        else
        {
            AddByteMutations(ref bytes, rng, steps, rng.Next(1, 6));
        }

        return new FuzzInput(index, seed.Name, bytes, string.Join("; ", steps));
    }

    private XDocument? Parsed(int seedIndex) => _parsed[seedIndex].Value;

    private void AddByteMutations(ref byte[] bytes, FuzzRandom rng, List<string> steps, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (next, description) = ByteMutator.Mutate(bytes, rng, Dictionary, rng.Pick(Seeds.Seeds).Bytes, MaxInputBytes);
            bytes = next;
            steps.Add(description);
        }
    }

    private static byte[] Serialize(XDocument doc)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, WriterSettings))
        {
            doc.Save(writer);
        }

        return stream.ToArray();
    }
}
