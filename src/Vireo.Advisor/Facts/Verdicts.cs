namespace Vireo.Advisor.Facts;

/// <summary>Verdict names (<c>ok</c>, <c>degraded</c>, <c>broken</c>) and the exit code each maps to.</summary>
public static class Verdicts
{
    /// <summary>The verdict's name in the fact table and the outputs.</summary>
    public static string Name(this Verdict verdict) => verdict switch
    {
        Verdict.Ok => "ok",
        Verdict.Degraded => "degraded",
        _ => "broken",
    };

    /// <summary>The verdict named <paramref name="name"/>, or null.</summary>
    public static Verdict? Parse(string name) => name switch
    {
        "ok" => Verdict.Ok,
        "degraded" => Verdict.Degraded,
        "broken" => Verdict.Broken,
        _ => null,
    };

    /// <summary><c>display-check</c>'s exit code: 0 ok, 1 degraded, 2 broken.</summary>
    public static int ExitCode(this Verdict verdict) => (int)verdict;
}
