namespace Vireo.Cli.Tests;

/// <summary>Runs the <c>vireo</c> command in-process, through the same entry point as Program.cs.</summary>
internal static class Cli
{
    /// <summary>
    /// Services that must not be used: no cache directory and a prober that fails the test.
    /// Commands given these prove they answered from the embedded snapshot or a file.
    /// </summary>
    public static CliServices NoProbing { get; } = new()
    {
        ProbeCacheDirectory = null,
        Probe = (binary, _, _) => throw new InvalidOperationException($"unexpected probe of '{binary}'"),
    };

    public static CliResult Run(CliServices services, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CliApp.Run(args, TextReader.Null, stdout, stderr, services);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
