using System.Text;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// One <see cref="StringBuilder"/> per thread, reused by the option and <c>.args</c> writers so
/// that each option costs only its resulting string, not a new builder and its buffer. A writer
/// takes the builder (the cache is then empty, so a nested writer gets a new one), and gives it
/// back with <see cref="ToStringAndRelease"/>. Builders that grew past <see cref="MaxCapacity"/>
/// characters are not kept, so one huge domain does not pin a huge buffer.
/// </summary>
internal static class TextBuilderCache
{
    private const int MaxCapacity = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? cached;

    /// <summary>An empty builder with at least <paramref name="capacity"/> characters of room.</summary>
    public static StringBuilder Acquire(int capacity = 256)
    {
        var sb = cached;
        if (sb is not null && capacity <= sb.Capacity)
        {
            cached = null;
            sb.Clear();
            return sb;
        }

        return new StringBuilder(capacity);
    }

    /// <summary>The builder's text; the builder goes back to the cache.</summary>
    public static string ToStringAndRelease(StringBuilder sb)
    {
        var text = sb.ToString();
        if (sb.Capacity <= MaxCapacity)
        {
            cached = sb;
        }

        return text;
    }
}
