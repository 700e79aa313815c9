using System.Xml.Linq;

namespace Vireo.Fuzzing;

/// <summary>
/// Structure-aware mutations on a parsed document: duplicate, delete, swap, rename or move
/// elements (to other parents), graft an element from another seed, replace attribute values
/// and element texts with interesting values or values other attributes take, add and remove
/// attributes, nudge numbers.
/// </summary>
public static class StructureMutator
{
    /// <summary>Applies one mutation to <paramref name="doc"/> in place; returns a short description.</summary>
    /// <param name="doc">The document (its root is never removed).</param>
    /// <param name="rng">The input's generator.</param>
    /// <param name="dictionary">Names and values harvested from the seeds.</param>
    /// <param name="other">Gives another seed's document, for grafting (may give null); called only when needed.</param>
    public static string Mutate(XDocument doc, FuzzRandom rng, XmlDictionary dictionary, Func<XDocument?> other)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(rng);
        ArgumentNullException.ThrowIfNull(dictionary);
        ArgumentNullException.ThrowIfNull(other);
        var root = doc.Root;
        if (root is null)
        {
            return "none(no root)";
        }

        var elements = root.DescendantsAndSelf().ToList();
        var children = elements.Skip(1).ToList();
        switch (rng.Next(13))
        {
            case 0 when children.Count > 0:
                {
                    var el = rng.Pick(children);
                    el.AddAfterSelf(new XElement(el));
                    return "dup-element " + el.Name.LocalName;
                }

            case 1 when children.Count > 0:
                {
                    var el = rng.Pick(children);
                    el.Remove();
                    return "delete-element " + el.Name.LocalName;
                }

            case 2 when children.Count > 1:
                {
                    var a = rng.Pick(children);
                    var b = rng.Pick(children);
                    if (a == b || a.Ancestors().Contains(b) || b.Ancestors().Contains(a))
                    {
                        return "swap(none)";
                    }

                    var copyA = new XElement(a);
                    var copyB = new XElement(b);
                    a.ReplaceWith(copyB);
                    b.ReplaceWith(copyA);
                    return "swap " + a.Name.LocalName + "/" + b.Name.LocalName;
                }

            case 3 when children.Count > 0:
                {
                    var el = rng.Pick(children);
                    var parent = rng.Pick(elements);
                    if (parent == el || parent.Ancestors().Contains(el))
                    {
                        return "move(none)";
                    }

                    el.Remove();
                    parent.Add(el);
                    return "move " + el.Name.LocalName + " to " + parent.Name.LocalName;
                }

            case 4 when other() is { Root: { } otherRoot }:
                {
                    var graft = rng.Pick(otherRoot.DescendantsAndSelf().ToList());
                    var parent = rng.Pick(elements);
                    parent.Add(new XElement(graft));
                    return "graft " + graft.Name.LocalName + " into " + parent.Name.LocalName;
                }

            case 5 when children.Count > 0 && dictionary.ElementNames.Length > 0:
                {
                    var el = rng.Pick(children);
                    var name = rng.Pick(dictionary.ElementNames);
                    el.Name = el.Name.Namespace + name;
                    return "rename-element to " + name;
                }

            case 6:
                {
                    var el = rng.Pick(elements);
                    var name = dictionary.AttributeNames.Length > 0 ? rng.Pick(dictionary.AttributeNames) : "id";
                    el.SetAttributeValue(name, AttributeValue(rng, dictionary, name));
                    return "set-attribute " + name;
                }

            case 7:
                {
                    var attrs = AllAttributes(elements);
                    if (attrs.Count == 0)
                    {
                        return "remove-attribute(none)";
                    }

                    var attr = rng.Pick(attrs);
                    attr.Remove();
                    return "remove-attribute " + attr.Name.LocalName;
                }

            case 8:
                {
                    var leaves = elements.Where(e => !e.HasElements).ToList();
                    var el = leaves.Count > 0 ? rng.Pick(leaves) : root;
                    el.Value = rng.Chance(50) || dictionary.Values.Length == 0 ? InterestingValues.Pick(rng) : rng.Pick(dictionary.Values);
                    return "set-text " + el.Name.LocalName;
                }

            case 9:
                {
                    var el = rng.Pick(elements);
                    var name = dictionary.ElementNames.Length > 0 ? rng.Pick(dictionary.ElementNames) : "x";
                    el.Add(new XElement(el.Name.Namespace + name));
                    return "add-element " + name;
                }

            default:
                return ReplaceAttributeValue(elements, rng, dictionary);
        }
    }

    private static string ReplaceAttributeValue(List<XElement> elements, FuzzRandom rng, XmlDictionary dictionary)
    {
        var attrs = AllAttributes(elements);
        if (attrs.Count == 0)
        {
            return "replace-attribute(none)";
        }

        var attr = rng.Pick(attrs);
        attr.Value = NumericNudge(attr.Value, rng) ?? AttributeValue(rng, dictionary, attr.Name.LocalName);
        return "replace-attribute " + attr.Name.LocalName;
    }

    /// <summary>For a number, sometimes a neighbour or an extreme of it; otherwise null.</summary>
    private static string? NumericNudge(string value, FuzzRandom rng)
    {
        if (!rng.Chance(30) || !long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return rng.Next(6) switch
        {
            0 => unchecked(n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            1 => unchecked(n - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            2 => unchecked(-n).ToString(System.Globalization.CultureInfo.InvariantCulture),
            3 => unchecked(n * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
            4 => "0x" + n.ToString("x", System.Globalization.CultureInfo.InvariantCulture),
            _ => ((decimal)n * 4294967296m).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    /// <summary>An interesting value, a value this attribute takes elsewhere, or any attribute's value.</summary>
    private static string AttributeValue(FuzzRandom rng, XmlDictionary dictionary, string name)
    {
        var roll = rng.Next(3);
        if (roll == 0 && dictionary.ValuesByAttribute.TryGetValue(name, out var own) && own.Length > 0)
        {
            return rng.Pick(own);
        }

        if (roll == 1 && dictionary.Values.Length > 0)
        {
            return rng.Pick(dictionary.Values);
        }

        return InterestingValues.Pick(rng);
    }

    private static List<XAttribute> AllAttributes(List<XElement> elements) =>
        [.. elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration)];
}
