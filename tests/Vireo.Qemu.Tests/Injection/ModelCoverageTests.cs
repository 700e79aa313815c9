using System.Collections.Immutable;
using System.Reflection;
using System.Xml.Linq;
using Vireo.Domain;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// Every string the domain model holds is either fuzzed by <see cref="OptionInjectionTests"/>
/// (listed in a catalogue field's <c>Covers</c>) or listed in <see cref="InjectionExemptions"/>
/// with the reason it cannot carry hostile text onto argv. A new string property fails this
/// test until someone decides which it is.
/// </summary>
public class ModelCoverageTests
{
    [Fact]
    public void EveryModelStringProperty_IsFuzzedOrExempt()
    {
        var covered = InjectionCatalogue.All.SelectMany(f => f.Covers).ToHashSet(StringComparer.Ordinal);
        var missing = StringProperties().Where(p => !covered.Contains(p) && !InjectionExemptions.All.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "string properties neither fuzzed nor exempt:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void CoversAndExemptions_NameRealProperties()
    {
        var real = StringProperties().ToHashSet(StringComparer.Ordinal);
        var stale = InjectionCatalogue.All.SelectMany(f => f.Covers).Concat(InjectionExemptions.All.Keys).Where(k => !real.Contains(k)).Distinct().ToList();
        Assert.True(stale.Count == 0, "not model properties: " + string.Join(", ", stale));
    }

    [Fact]
    public void NoPropertyIsBothFuzzedAndExempt()
    {
        var both = InjectionCatalogue.All.SelectMany(f => f.Covers).Where(InjectionExemptions.All.ContainsKey).Distinct().ToList();
        Assert.Empty(both);
    }

    /// <summary><c>Type.Property</c> for every public string-valued property of the model (Vireo.Domain, minus Errors and Xml).</summary>
    internal static IEnumerable<string> StringProperties()
    {
        var asm = typeof(DomainDefinition).Assembly;
        foreach (var t in asm.GetExportedTypes().Where(t => t.Namespace is { } ns && !ns.EndsWith(".Errors", StringComparison.Ordinal) && !ns.EndsWith(".Xml", StringComparison.Ordinal)))
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var pt = p.PropertyType;
                if (pt == typeof(string) || pt == typeof(ImmutableArray<string>) || pt == typeof(XElement) || pt == typeof(ImmutableArray<XElement>))
                {
                    yield return TypeName(t) + "." + p.Name;
                }
            }
        }
    }

    private static string TypeName(Type t) => t.IsNested ? TypeName(t.DeclaringType!) + "+" + t.Name : t.Name;
}
