using System.Diagnostics;

namespace Vireo.Runtime.Tests.Support;

/// <summary>
/// Runs the real <c>vireo</c> command (the CLI built next to the tests) as a child process,
/// the way a user runs it from the README, and collects its output.
/// </summary>
internal static class VireoCli
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "vireo.dll");

    public static async Task<CliRun> RunAsync(params string[] args) => await RunAsync(TimeSpan.FromMinutes(2), args);

    public static async Task<CliRun> RunAsync(TimeSpan limit, params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vireo {string.Join(' ', args)} did not finish within {limit}");
        }

        return new CliRun(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts vireo without waiting (for killing it or racing it).</summary>
    public static Process Start(params string[] args) => DotnetHost.Start(Dll, closeInput: true, args);
}
