namespace Vireo.Cli.Tests;

/// <summary><c>vireo fuzz</c>: a short seeded run reports its figures; bad options are usage errors.</summary>
public sealed class FuzzCommandTests
{
    [Fact]
    public void AShortRun_ReportsItsFigures_AndExitsZero()
    {
        using var dir = new TempDir();

        var r = Cli.Run(Cli.NoProbing, "fuzz", "--inputs", "300", "--seed", "5", "--workers", "1", "--crashes", dir.File("crashes"));

        Assert.True(r.ExitCode == 0, r.Stdout + r.Stderr);
        Assert.Contains("inputs: 300 in ", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("unique bugs: 0", r.Stdout, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir.File("crashes")) && Directory.EnumerateFiles(dir.File("crashes")).Any());
    }

    [Theory]
    [InlineData("--inputs", "0")]
    [InlineData("--inputs", "many")]
    [InlineData("--seed", "-1")]
    [InlineData("--workers", "1000")]
    public void BadOptions_AreUsageErrors(string option, string value)
    {
        var r = Cli.Run(Cli.NoProbing, "fuzz", option, value);

        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Stderr.TrimEnd().Split('\n'));
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void SecondsAndInputsTogether_AreAUsageError()
    {
        var r = Cli.Run(Cli.NoProbing, "fuzz", "--seconds", "1", "--inputs", "10");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("at most one of", r.Stderr, StringComparison.Ordinal);
    }
}
