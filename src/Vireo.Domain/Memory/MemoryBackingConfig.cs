using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;

namespace Vireo.Domain.Memory;

/// <summary>One <c>&lt;page&gt;</c> of <c>&lt;hugepages&gt;</c>: a page size (0 = the host default) for some or all guest NUMA nodes.</summary>
public sealed record HugePageConfig(ulong SizeKiB, ImmutableSortedSet<int>? Nodes);

/// <summary>Typed view of <c>&lt;memoryBacking&gt;</c>.</summary>
public sealed record MemoryBackingConfig
{
    /// <summary>An empty memory backing (no element).</summary>
    public static MemoryBackingConfig None { get; } = new();

    public ImmutableArray<HugePageConfig> HugePages { get; init; } = [];

    public bool NoSharePages { get; init; }

    public bool Locked { get; init; }

    /// <summary>file, anonymous or memfd (null = default).</summary>
    public string? Source { get; init; }

    /// <summary>shared or private (null = default).</summary>
    public string? Access { get; init; }

    /// <summary>immediate or ondemand (null = default).</summary>
    public string? Allocation { get; init; }

    public int? AllocationThreads { get; init; }

    public bool Discard { get; init; }

    /// <summary>Reads the element (null element = nothing set).</summary>
    public static MemoryBackingConfig Read(XElement? el)
    {
        if (el is null)
        {
            return None;
        }

        var pages = ImmutableArray.CreateBuilder<HugePageConfig>();
        if (el.Element("hugepages") is { } hp)
        {
            var list = hp.Elements("page").ToList();
            if (list.Count == 0)
            {
                pages.Add(new HugePageConfig(0, null));
            }

            foreach (var p in list)
            {
                var size = ulong.TryParse((string?)p.Attribute("size"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                var kib = ScaleToKiB(size, (string?)p.Attribute("unit"));
                var nodes = (string?)p.Attribute("nodeset") is { } ns ? NodeSet.TryParse(ns) : null;
                pages.Add(new HugePageConfig(kib, nodes));
            }
        }

        var alloc = el.Element("allocation");
        return new MemoryBackingConfig
        {
            HugePages = pages.ToImmutable(),
            NoSharePages = el.Element("nosharepages") is not null,
            Locked = el.Element("locked") is not null,
            Source = (string?)el.Element("source")?.Attribute("type"),
            Access = (string?)el.Element("access")?.Attribute("mode"),
            Allocation = (string?)alloc?.Attribute("mode"),
            AllocationThreads = int.TryParse((string?)alloc?.Attribute("threads"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null,
            Discard = el.Element("discard") is not null,
        };
    }

    /// <summary>
    /// Scales a number with a libvirt unit (default KiB) to KiB; a result past 64 bits is refused
    /// (a <see cref="Errors.DomainXmlException"/>), never wrapped.
    /// </summary>
    public static ulong ScaleToKiB(ulong value, string? unit)
    {
        try
        {
            return checked(unit switch
            {
                null or "" or "k" or "K" or "KiB" => value,
                "b" or "byte" or "bytes" => value / 1024,
                "KB" => (ulong)((UInt128)value * 1000 / 1024),
                "m" or "M" or "MiB" => value * 1024,
                "MB" => (ulong)((UInt128)value * 1000 * 1000 / 1024),
                "g" or "G" or "GiB" => value * 1024 * 1024,
                "GB" => (ulong)((UInt128)value * 1000 * 1000 * 1000 / 1024),
                "t" or "T" or "TiB" => value * 1024 * 1024 * 1024,
                _ => value,
            });
        }
        catch (OverflowException)
        {
            throw new Errors.DomainXmlException($"size {value} {unit} is too large");
        }
    }
}
