using System.Text;

namespace Vireo.Fuzzing.Tests;

public class MinimizerTests
{
    [Fact]
    public void Reduces_to_the_part_the_predicate_needs()
    {
        var input = Encoding.UTF8.GetBytes("<a>\n  <b x='1'/>\n  <c y='BOOM'/>\n  <d/>\n</a>\n");
        var result = Minimizer.Minimise(input, b => Encoding.UTF8.GetString(b).Contains("BOOM", StringComparison.Ordinal));
        Assert.Equal("BOOM", Encoding.UTF8.GetString(result));
    }

    [Fact]
    public void Keeps_the_input_when_nothing_can_go()
    {
        var input = Encoding.UTF8.GetBytes("ab");
        var result = Minimizer.Minimise(input, b => b.Length == 2);
        Assert.Equal(input, result);
    }

    [Fact]
    public void Stops_within_its_bound_on_runs()
    {
        var runs = 0;
        _ = Minimizer.Minimise(new byte[5000], b =>
        {
            runs++;
            return b.Length > 4000;
        }, maxRuns: 100);
        Assert.InRange(runs, 1, 100);
    }
}
