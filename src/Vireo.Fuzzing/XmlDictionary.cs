using System.Collections.Immutable;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Vireo.Fuzzing;

/// <summary>
/// Words harvested from the seeds: element names, attribute names, the values each attribute
/// takes (so an enum value of one attribute can be tried in another), element texts, and
/// byte-level tokens built from them (<c>&lt;name</c>, <c>&lt;/name&gt;</c>, <c> attr='</c>).
/// Built once from the seeds, then read-only (safe to share between threads).
/// </summary>
public sealed class XmlDictionary
{
    private const int MaxValueLength = 200;
    private const int MaxValues = 20000;

    private XmlDictionary(
        ImmutableArray<string> elementNames,
        ImmutableArray<string> attributeNames,
        ImmutableDictionary<string, ImmutableArray<string>> valuesByAttribute,
        ImmutableArray<string> values,
        ImmutableArray<byte[]> tokens)
    {
        ElementNames = elementNames;
        AttributeNames = attributeNames;
        ValuesByAttribute = valuesByAttribute;
        Values = values;
        Tokens = tokens;
    }

    /// <summary>Distinct element local names, sorted.</summary>
    public ImmutableArray<string> ElementNames { get; }

    /// <summary>Distinct attribute local names, sorted.</summary>
    public ImmutableArray<string> AttributeNames { get; }

    /// <summary>For each attribute name, the distinct values it takes in the seeds, sorted.</summary>
    public ImmutableDictionary<string, ImmutableArray<string>> ValuesByAttribute { get; }

    /// <summary>Distinct attribute values and element texts (short ones), sorted.</summary>
    public ImmutableArray<string> Values { get; }

    /// <summary>UTF-8 tokens for byte-level insertion.</summary>
    public ImmutableArray<byte[]> Tokens { get; }

    /// <summary>Harvests the dictionary from seeds that parse as XML (others are skipped).</summary>
    public static XmlDictionary Harvest(IEnumerable<FuzzSeed> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var elements = new SortedSet<string>(StringComparer.Ordinal);
        var attributes = new SortedSet<string>(StringComparer.Ordinal);
        var byAttribute = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var values = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            var doc = TryParse(seed.Bytes);
            if (doc?.Root is null)
            {
                continue;
            }

            foreach (var el in doc.Root.DescendantsAndSelf())
            {
                elements.Add(el.Name.LocalName);
                if (!el.HasElements && el.Value.Length is > 0 and <= MaxValueLength)
                {
                    values.Add(el.Value);
                }

                foreach (var attr in el.Attributes())
                {
                    if (attr.IsNamespaceDeclaration)
                    {
                        continue;
                    }

                    var name = attr.Name.LocalName;
                    attributes.Add(name);
                    if (attr.Value.Length > MaxValueLength)
                    {
                        continue;
                    }

                    if (!byAttribute.TryGetValue(name, out var set))
                    {
                        byAttribute[name] = set = new SortedSet<string>(StringComparer.Ordinal);
                    }

                    set.Add(attr.Value);
                    values.Add(attr.Value);
                }
            }
        }

        var tokens = new List<byte[]>();
        foreach (var e in elements)
        {
            tokens.Add(Encoding.UTF8.GetBytes("<" + e));
            tokens.Add(Encoding.UTF8.GetBytes("</" + e + ">"));
            tokens.Add(Encoding.UTF8.GetBytes("<" + e + "/>"));
        }

        foreach (var a in attributes)
        {
            tokens.Add(Encoding.UTF8.GetBytes(" " + a + "='"));
        }

        foreach (var v in InterestingValues.Values)
        {
            tokens.Add(Encoding.UTF8.GetBytes(v));
        }

        return new XmlDictionary(
            [.. elements],
            [.. attributes],
            byAttribute.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal),
            [.. values.Take(MaxValues)],
            [.. tokens]);
    }

    /// <summary>Parses bytes as an XML document for mutation, or null when they are not well-formed (no DTDs).</summary>
    public static XDocument? TryParse(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, CheckCharacters = false };
            using var stream = new MemoryStream(bytes, writable: false);
            using var reader = XmlReader.Create(stream, settings);
            return XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
