namespace Vireo.Fuzzing;

/// <summary>
/// A small deterministic generator (SplitMix64): the same seed gives the same sequence on
/// every platform and .NET version, so a run is reproducible from its seed and input index.
/// Not for security; not thread-safe (one per input).
/// </summary>
public sealed class FuzzRandom
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Creates a generator from a seed.</summary>
    public FuzzRandom(ulong seed) => _state = seed;

    /// <summary>The generator for input <paramref name="index"/> of the run seeded <paramref name="runSeed"/>.</summary>
    public static FuzzRandom ForInput(ulong runSeed, long index) => new(Mix(runSeed ^ Mix(unchecked((ulong)index + Gamma))));

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state = unchecked(_state + Gamma);
        return Mix(_state);
    }

    /// <summary>A number in [0, <paramref name="maxExclusive"/>); 0 when the range is empty.</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A number in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => maxExclusive <= min ? min : min + Next(maxExclusive - min);

    /// <summary>True with the given probability in percent.</summary>
    public bool Chance(int percent) => Next(100) < percent;

    /// <summary>One item of a non-empty list.</summary>
    public T Pick<T>(IReadOnlyList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return items[Next(items.Count)];
    }

    /// <summary>SplitMix64's finaliser: a bijective mix of 64 bits.</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
