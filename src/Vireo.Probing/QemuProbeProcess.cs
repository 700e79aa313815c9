using System.Diagnostics;
using Vireo.Qmp;

namespace Vireo.Probing;

/// <summary>
/// One QEMU started for probing, as this process's own child (no daemonizing, no shell):
/// paused, without user config or default devices, no display, a machine-less
/// <c>none</c> board, its QMP monitor on its standard input and output (<c>-qmp stdio</c>:
/// the greeting arrives as soon as QEMU is ready, with no socket to poll for), its working
/// directory a private 0700 directory. Disposal always ends it — <c>quit</c>, a short grace
/// period, then a kill of the process tree — reaps it and removes the directory.
/// </summary>
internal sealed class QemuProbeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly OutputTail _stderr;
    private readonly ProbeOptions _options;
    private readonly string _label;
    private QmpClient? _client;
    private int _disposed;

    private QemuProbeProcess(Process process, string directory, OutputTail stderr, ProbeOptions options, string label)
    {
        _process = process;
        _directory = directory;
        _stderr = stderr;
        _options = options;
        _label = label;
    }

    /// <summary>The connected, negotiated monitor.</summary>
    public QmpClient Client => _client ?? throw new InvalidOperationException("QEMU monitor not connected");

    /// <summary>The child's process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The command-line arguments used for a probe with the given <c>-machine accel=</c> list.</summary>
    public static IReadOnlyList<string> Arguments(string accel) =>
    [
        "-S", "-no-user-config", "-nodefaults", "-nographic",
        "-machine", "none,accel=" + accel,
        "-qmp", "stdio",
    ];

    /// <summary>Starts QEMU and reads its monitor's greeting.</summary>
    public static async Task<QemuProbeProcess> StartAsync(string binary, string accel, string label, ProbeOptions options, CancellationToken cancellationToken)
    {
        var directory = CreatePrivateDirectory(options.TempDirectory);
        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in Arguments(accel))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LC_ALL"] = "C";

        var stderr = new OutputTail(4096);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new ProbeException($"cannot start '{binary}'");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            TryDeleteDirectory(directory);
            throw new ProbeException($"cannot start '{binary}': {ex.Message}", ex);
        }

        var qemu = new QemuProbeProcess(process, directory, stderr, options, label) { ProcessId = process.Id };
        qemu.Mark("QEMU started");
        try
        {
            process.BeginErrorReadLine();
            qemu._client = await qemu.ConnectAsync(binary, accel, cancellationToken).ConfigureAwait(false);
            qemu.Mark("greeting read, capabilities negotiated");
            return qemu;
        }
        catch
        {
            await qemu.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Quits or kills QEMU, reaps it, removes the private directory. Never throws.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        var grace = _options.QuitGracePeriod;
        var quitSent = false;
        if (_client is { } client)
        {
            try
            {
                if (!_process.HasExited)
                {
                    await client.QuitAsync(grace, CancellationToken.None).ConfigureAwait(false);
                    quitSent = true;
                    Mark("quit answered");
                }
            }
            catch (QmpException)
            {
                // QEMU is past answering; it is killed below.
            }

            await client.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            // Without a monitor that took 'quit' there is nothing to wait for: kill at once.
            if (!await WaitForExitAsync(quitSent ? grace : TimeSpan.Zero).ConfigureAwait(false))
            {
                try
                {
                    _process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited in the meantime.
                }

                await WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            }
        }
        finally
        {
            _process.Dispose();
            TryDeleteDirectory(_directory);
            Mark("exited, reaped, directory removed");
        }
    }

    private void Mark(string stage) => _options.Timings?.Mark(_label + ": " + stage);

    /// <summary>
    /// Reads the greeting and negotiates capabilities over QEMU's standard input and output,
    /// while watching for QEMU exiting first (a binary that is not QEMU, a bad option): then
    /// its exit status and stderr make the error.
    /// </summary>
    private async Task<QmpClient> ConnectAsync(string binary, string accel, CancellationToken cancellationToken)
    {
        var stdio = new ChildStdioStream(_process.StandardOutput.BaseStream, _process.StandardInput.BaseStream);
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        using var connectCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var connect = QmpClient.ConnectAsync(new StreamQmpTransport(stdio, "the QMP monitor of " + binary + " (accel=" + accel + ")"), _options.ClientOptions(), connectCancel.Token);
        if (await Task.WhenAny(connect, exited).ConfigureAwait(false) == exited && !connect.IsCompleted)
        {
            await connectCancel.CancelAsync().ConfigureAwait(false);
            await Settle(connect).ConfigureAwait(false);
            throw ExitedEarly(binary, accel);
        }

        try
        {
            return await connect.ConfigureAwait(false);
        }
        catch (QmpTimeoutException)
        {
            throw new ProbeException(
                $"'{binary}' (accel={accel}) did not answer on its QMP monitor within {Seconds(_options.StartupTimeout)} s{StderrSuffix()}");
        }
        catch (QmpException ex)
        {
            // The monitor broke: most likely QEMU is exiting; if it does promptly, say so.
            if (await WaitForExitAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false))
            {
                throw ExitedEarly(binary, accel);
            }

            throw new ProbeException($"'{binary}' (accel={accel}): QMP handshake failed: {ex.Detail}{StderrSuffix()}", ex);
        }
    }

    private ProbeException ExitedEarly(string binary, string accel) =>
        new($"'{binary}' (accel={accel}) exited with status {_process.ExitCode} before its QMP monitor was ready: {StderrText()}");

    private static async Task Settle(Task<QmpClient> connect)
    {
        try
        {
            await (await connect.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Abandoned: only its ending matters.
        }
    }

    private async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return true;
            }

            if (limit <= TimeSpan.Zero)
            {
                return false;
            }

            await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return true; // never started, nothing to wait for
        }
    }

    private string StderrText()
    {
        var text = _stderr.ToString();
        return text.Length == 0 ? "(no output)" : text;
    }

    private string StderrSuffix()
    {
        var text = _stderr.ToString();
        return text.Length == 0 ? "" : ": " + text;
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string CreatePrivateDirectory(string? parent)
    {
        parent ??= Path.GetTempPath();
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        for (var attempt = 0; ; attempt++)
        {
            var path = Path.Combine(parent, "vireo-probe-" + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
            if (Directory.Exists(path) && attempt < 8)
            {
                continue;
            }

            try
            {
                var dir = OperatingSystem.IsWindows()
                    ? Directory.CreateDirectory(path)
                    : Directory.CreateDirectory(path, owner);
                if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~owner) != 0)
                {
                    File.SetUnixFileMode(path, owner);
                }

                return dir.FullName;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ProbeException($"cannot create a private directory under '{parent}': {ex.Message}", ex);
            }
        }
    }

    private static void TryDeleteDirectory(string directory)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(10);
            }
        }
    }
}
