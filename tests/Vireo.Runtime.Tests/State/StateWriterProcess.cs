using System.Diagnostics;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.State;

/// <summary>
/// Runs the Vireo.Runtime.StateWriter helper (built next to the tests) as a child process: it
/// writes a domain's state files through the runtime's own code until it is killed.
/// </summary>
internal sealed class StateWriterProcess : IDisposable
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "Vireo.Runtime.StateWriter.dll");

    private readonly Process _process;

    private StateWriterProcess(Process process) => _process = process;

    /// <summary>Starts <c>write STATE NAME</c>: an endless loop of A, B, A...</summary>
    public static StateWriterProcess StartLoop(string stateRoot, string name) => new(Start("write", stateRoot, name));

    /// <summary>Runs <c>expect STATE NAME V</c> to completion: version V written once.</summary>
    public static async Task WriteOnceAsync(string stateRoot, string name, char version, CancellationToken cancellationToken)
    {
        using var process = Start("expect", stateRoot, name, version.ToString());
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Assert.True(process.ExitCode == 0, "state writer failed: " + await stderr);
    }

    /// <summary>Waits until both versions are on disk (the helper prints "ready"); returns how long one round took.</summary>
    public async Task<TimeSpan> WaitReadyAsync(CancellationToken cancellationToken)
    {
        var line = await _process.StandardOutput.ReadLineAsync(cancellationToken);
        if (line?.Split(' ') is not ["ready", var micros])
        {
            Assert.Fail($"state writer did not start: {line} {await _process.StandardError.ReadToEndAsync(cancellationToken)}");
            return default;
        }

        return TimeSpan.FromMicroseconds(long.Parse(micros, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>SIGKILL (what <see cref="Process.Kill()"/> sends on Unix), then reap it.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        _process.Kill();
        await _process.WaitForExitAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static Process Start(params string[] args) => DotnetHost.Start(Dll, closeInput: false, args);
}
