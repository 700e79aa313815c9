using System.Text;

namespace Vireo.Fuzzing.Tests;

public class MutatorTests
{
    private const string Minimal = """
        <domain type='qemu'>
          <name>m</name>
          <memory unit='KiB'>219136</memory>
          <os><type arch='x86_64' machine='pc'>hvm</type></os>
          <devices><disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/></disk></devices>
        </domain>
        """;

    [Fact]
    public void An_input_is_a_function_of_the_run_seed_and_its_index()
    {
        var mutator = TestSeeds.Mutator;
        for (var i = 0L; i < 300; i++)
        {
            var a = mutator.Generate(99, i);
            var b = mutator.Generate(99, i);
            Assert.Equal(a.Bytes, b.Bytes);
            Assert.Equal(a.Mutations, b.Mutations);
            Assert.Equal(a.SeedName, b.SeedName);
        }
    }

    [Fact]
    public void A_fresh_mutator_over_the_same_seeds_generates_the_same_inputs()
    {
        var other = new FuzzMutator(SeedCorpus.FromDirectory(TestSeeds.Examples));
        var again = new FuzzMutator(SeedCorpus.FromDirectory(TestSeeds.Examples));
        for (var i = 0L; i < 200; i++)
        {
            Assert.Equal(other.Generate(3, i).Bytes, again.Generate(3, i).Bytes);
        }
    }

    [Fact]
    public void Different_seeds_and_indexes_give_different_inputs()
    {
        var mutator = TestSeeds.Mutator;
        var distinct = Enumerable.Range(0, 200).Select(i => Convert.ToBase64String(mutator.Generate(5, i).Bytes)).Distinct().Count();
        Assert.True(distinct > 180, $"only {distinct} distinct inputs of 200");
        var differ = Enumerable.Range(0, 50).Count(i => !mutator.Generate(5, i).Bytes.AsSpan().SequenceEqual(mutator.Generate(6, i).Bytes));
        Assert.True(differ > 40, $"only {differ} of 50 inputs differ between run seeds");
    }

    [Fact]
    public void Inputs_never_exceed_the_size_bound()
    {
        const int bound = 2048;
        var mutator = new FuzzMutator(TestSeeds.Corpus_Seeds, bound);
        for (var i = 0L; i < 3000; i++)
        {
            Assert.InRange(mutator.Generate(11, i).Bytes.Length, 0, bound);
        }
    }

    [Fact]
    public void Most_inputs_are_mutated_and_both_kinds_of_mutation_occur()
    {
        var mutator = new FuzzMutator(SeedCorpus.FromSeeds([new FuzzSeed("m.xml", Encoding.UTF8.GetBytes(Minimal))]));
        var inputs = Enumerable.Range(0, 500).Select(i => mutator.Generate(1, i)).ToList();
        Assert.True(inputs.Count(x => !x.Bytes.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(Minimal))) > 450);
        Assert.Contains(inputs, x => x.Mutations.Contains("replace-attribute", StringComparison.Ordinal));
        Assert.Contains(inputs, x => x.Mutations.Contains("dup-element", StringComparison.Ordinal));
        Assert.Contains(inputs, x => x.Mutations.Contains("flip", StringComparison.Ordinal));
        Assert.Contains(inputs, x => x.Mutations.Contains("splice", StringComparison.Ordinal));
    }

    [Fact]
    public void The_dictionary_is_harvested_from_the_seeds()
    {
        var dict = XmlDictionary.Harvest([new FuzzSeed("m.xml", Encoding.UTF8.GetBytes(Minimal))]);
        Assert.Contains("disk", dict.ElementNames);
        Assert.Contains("bus", dict.AttributeNames);
        Assert.Contains("virtio", dict.ValuesByAttribute["bus"]);
        Assert.Contains("219136", dict.Values);
        Assert.Contains(dict.Tokens, t => Encoding.UTF8.GetString(t) == "<target");
    }

    [Fact]
    public void Byte_mutations_respect_the_bound_on_their_own()
    {
        var dict = XmlDictionary.Harvest([new FuzzSeed("m.xml", Encoding.UTF8.GetBytes(Minimal))]);
        var input = Encoding.UTF8.GetBytes(Minimal);
        for (var i = 0; i < 2000; i++)
        {
            var (bytes, _) = ByteMutator.Mutate(input, FuzzRandom.ForInput(1, i), dict, input, input.Length);
            Assert.InRange(bytes.Length, 0, input.Length);
        }
    }

    [Fact]
    public void Interesting_values_hold_the_classic_edge_cases_and_no_NUL()
    {
        foreach (var v in new[] { "", "-1", "0", "4294967296", "18446744073709551616", "0x", "../", "," })
        {
            Assert.Contains(v, InterestingValues.Values);
        }

        Assert.DoesNotContain(InterestingValues.Values, v => v.Contains('\0', StringComparison.Ordinal));
    }
}
