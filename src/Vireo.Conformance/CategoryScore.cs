namespace Vireo.Conformance;

/// <summary>Passed/total for one category of a suite.</summary>
public sealed record CategoryScore(string Category, int Passed, int Total)
{
    /// <summary>Pass rate in percent (0 when there are no cases).</summary>
    public double Percent => Total == 0 ? 0 : 100.0 * Passed / Total;
}
