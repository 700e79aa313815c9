using System.Collections.Concurrent;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>Counts per field from the last run (for the docs/security.md table).</summary>
internal static class InjectionFigures
{
    private static readonly ConcurrentDictionary<string, (int Tried, int Escaped, int Refused)> Counts = new(StringComparer.Ordinal);

    public static void Record(string field, int tried, int escaped, int refused) => Counts[field] = (tried, escaped, refused);

    public static IReadOnlyDictionary<string, (int Tried, int Escaped, int Refused)> Snapshot => Counts;
}
