namespace Vireo.Probing.Tests;

public class FlagRulesTests
{
    [Fact]
    public void EveryFlagTheRulesProduce_IsALiveLibvirtFlag()
    {
        var root = Corpus.Root;
        if (root is null)
        {
            Assert.Skip("conformance corpus not found");
        }

        // caps-flags.tsv: index, enum, name, retired (yes/no).
        var live = File.ReadLines(Path.Combine(root, "caps-flags.tsv"))
            .Skip(1)
            .Select(l => l.Split('\t'))
            .Where(f => f.Length >= 4 && f[3] == "no")
            .Select(f => f[2])
            .ToHashSet(StringComparer.Ordinal);

        var unknown = FlagRules.AllFlags.Where(f => !live.Contains(f)).ToList();
        Assert.True(unknown.Count == 0, "not live libvirt 9.0 flags: " + string.Join(' ', unknown));
    }

    [Fact]
    public void DeviceRuleConditions_AreFlagsSetByTypes()
    {
        var typeFlags = FlagRules.Types.Select(t => t.Flag).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in FlagRules.DeviceProperties.Concat(FlagRules.ObjectProperties))
        {
            if (rule.Condition is { } c)
            {
                Assert.Contains(c, typeFlags);
            }
        }
    }
}
