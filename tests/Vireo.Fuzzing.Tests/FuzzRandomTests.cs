namespace Vireo.Fuzzing.Tests;

public class FuzzRandomTests
{
    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = new FuzzRandom(42);
        var b = new FuzzRandom(42);
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void Inputs_of_a_run_get_distinct_generators()
    {
        var first = FuzzRandom.ForInput(7, 0).NextUInt64();
        Assert.NotEqual(first, FuzzRandom.ForInput(7, 1).NextUInt64());
        Assert.NotEqual(first, FuzzRandom.ForInput(8, 0).NextUInt64());
        Assert.Equal(first, FuzzRandom.ForInput(7, 0).NextUInt64());
    }

    [Fact]
    public void Next_stays_in_range()
    {
        var rng = new FuzzRandom(1);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.InRange(rng.Next(5, 9), 5, 8);
            Assert.Equal(0, rng.Next(1));
        }
    }
}
