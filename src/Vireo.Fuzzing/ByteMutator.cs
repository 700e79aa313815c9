namespace Vireo.Fuzzing;

/// <summary>
/// Byte-level mutations: flip bits, overwrite with interesting bytes, insert random bytes or
/// dictionary tokens, delete or duplicate a range, splice with another seed. The result never
/// exceeds the size bound.
/// </summary>
public static class ByteMutator
{
    private static readonly byte[] InterestingBytes =
        [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x26, 0x27, 0x2C, 0x2F, 0x30, 0x3C, 0x3D, 0x3E, 0x7F, 0x80, 0xBF, 0xC0, 0xEF, 0xFE, 0xFF];

    /// <summary>Applies one mutation; returns the new bytes and a short description.</summary>
    /// <param name="input">The bytes to mutate (not modified).</param>
    /// <param name="rng">The input's generator.</param>
    /// <param name="dictionary">Tokens to insert.</param>
    /// <param name="other">Another seed, for splicing.</param>
    /// <param name="maxBytes">The size bound.</param>
    public static (byte[] Bytes, string Description) Mutate(byte[] input, FuzzRandom rng, XmlDictionary dictionary, byte[] other, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(other);
        var result = rng.Next(8) switch
        {
            0 => FlipBits(input, rng),
            1 => Overwrite(input, rng),
            2 => Insert(input, rng, RandomBytes(rng, rng.Next(1, 9))),
            3 => Insert(input, rng, dictionary.Tokens.Length == 0 ? [0x3C] : rng.Pick(dictionary.Tokens)),
            4 => Delete(input, rng),
            5 => Duplicate(input, rng),
            6 => Splice(input, other, rng),
            _ => Insert(input, rng, System.Text.Encoding.UTF8.GetBytes(InterestingValues.Pick(rng))),
        };
        var bytes = result.Bytes.Length > maxBytes ? result.Bytes[..maxBytes] : result.Bytes;
        return (bytes, result.Description);
    }

    private static (byte[] Bytes, string Description) FlipBits(byte[] input, FuzzRandom rng)
    {
        if (input.Length == 0)
        {
            return ([0x3C], "flip(empty)");
        }

        var copy = (byte[])input.Clone();
        var count = rng.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            copy[rng.Next(copy.Length)] ^= (byte)(1 << rng.Next(8));
        }

        return (copy, $"flip{count}");
    }

    private static (byte[] Bytes, string Description) Overwrite(byte[] input, FuzzRandom rng)
    {
        if (input.Length == 0)
        {
            return ([rng.Pick(InterestingBytes)], "set(empty)");
        }

        var copy = (byte[])input.Clone();
        var at = rng.Next(copy.Length);
        copy[at] = rng.Pick(InterestingBytes);
        return (copy, $"set@{at}");
    }

    private static (byte[] Bytes, string Description) Insert(byte[] input, FuzzRandom rng, byte[] what)
    {
        var at = rng.Next(input.Length + 1);
        var copy = new byte[input.Length + what.Length];
        input.AsSpan(0, at).CopyTo(copy);
        what.CopyTo(copy.AsSpan(at));
        input.AsSpan(at).CopyTo(copy.AsSpan(at + what.Length));
        return (copy, $"insert{what.Length}@{at}");
    }

    private static (byte[] Bytes, string Description) Delete(byte[] input, FuzzRandom rng)
    {
        if (input.Length < 2)
        {
            return (input, "delete(none)");
        }

        var at = rng.Next(input.Length);
        var length = Math.Min(input.Length - at, rng.Chance(70) ? rng.Next(1, 9) : rng.Next(1, 513));
        var copy = new byte[input.Length - length];
        input.AsSpan(0, at).CopyTo(copy);
        input.AsSpan(at + length).CopyTo(copy.AsSpan(at));
        return (copy, $"delete{length}@{at}");
    }

    private static (byte[] Bytes, string Description) Duplicate(byte[] input, FuzzRandom rng)
    {
        if (input.Length == 0)
        {
            return (input, "dup(none)");
        }

        var from = rng.Next(input.Length);
        var length = Math.Min(input.Length - from, rng.Next(1, 257));
        var range = input.AsSpan(from, length).ToArray();
        var (bytes, _) = Insert(input, rng, range);
        return (bytes, $"dup{length}@{from}");
    }

    private static (byte[] Bytes, string Description) Splice(byte[] input, byte[] other, FuzzRandom rng)
    {
        var cut = rng.Next(input.Length + 1);
        var from = rng.Next(other.Length + 1);
        var copy = new byte[cut + other.Length - from];
        input.AsSpan(0, cut).CopyTo(copy);
        other.AsSpan(from).CopyTo(copy.AsSpan(cut));
        return (copy, $"splice@{cut}");
    }

    private static byte[] RandomBytes(FuzzRandom rng, int count)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = (byte)rng.Next(256);
        }

        return bytes;
    }
}
