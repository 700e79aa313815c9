using System.Diagnostics;
using Vireo.Qmp;

namespace Vireo.Probing;

/// <summary>
/// One QEMU started for probing, as this process's own child (no daemonizing, no shell):
/// paused, without user config or default devices, no display, a machine-less
/// <c>none</c> board, its QMP monitor on a UNIX socket in a private 0700 directory.
/// Disposal always ends it — <c>quit</c>, a short grace period, then a kill of the
/// process tree — reaps it and removes the directory.
/// </summary>
internal sealed class QemuProbeProcess : IAsyncDisposable
{
    private const int MaxSocketPathBytes = 107;

    private readonly Process _process;
    private readonly string _directory;
    private readonly OutputTail _stderr;
    private readonly ProbeOptions _options;
    private QmpClient? _client;
    private int _disposed;

    private QemuProbeProcess(Process process, string directory, OutputTail stderr, ProbeOptions options)
    {
        _process = process;
        _directory = directory;
        _stderr = stderr;
        _options = options;
    }

    /// <summary>The connected, negotiated monitor.</summary>
    public QmpClient Client => _client ?? throw new InvalidOperationException("QEMU monitor not connected");

    /// <summary>The child's process id.</summary>
    public int ProcessId { get; private set; }

    /// <summary>The QMP socket path.</summary>
    public string SocketPath => Path.Combine(_directory, "qmp.sock");

    /// <summary>The command-line arguments used for a probe with the given <c>-machine accel=</c> list.</summary>
    public static IReadOnlyList<string> Arguments(string accel, string socketPath) =>
    [
        "-S", "-no-user-config", "-nodefaults", "-nographic",
        "-machine", "none,accel=" + accel,
        "-qmp", "unix:" + socketPath + ",server=on,wait=off",
    ];

    /// <summary>Starts QEMU and connects to its monitor (retrying until the socket answers).</summary>
    public static async Task<QemuProbeProcess> StartAsync(string binary, string accel, ProbeOptions options, CancellationToken cancellationToken)
    {
        var directory = CreatePrivateDirectory(options.TempDirectory);
        var socketPath = Path.Combine(directory, "qmp.sock");
        if (System.Text.Encoding.UTF8.GetByteCount(socketPath) > MaxSocketPathBytes)
        {
            TryDeleteDirectory(directory);
            throw new ProbeException($"QMP socket path '{socketPath}' is too long for a UNIX socket; choose a shorter temporary directory");
        }

        var info = new ProcessStartInfo(binary)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        foreach (var arg in Arguments(accel, socketPath))
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["LC_ALL"] = "C";

        var stderr = new OutputTail(4096);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) => stderr.Add(e.Data);
        process.OutputDataReceived += (_, e) => stderr.Add(e.Data);
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

        var qemu = new QemuProbeProcess(process, directory, stderr, options) { ProcessId = process.Id };
        try
        {
            process.StandardInput.Close();
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            qemu._client = await qemu.ConnectAsync(binary, accel, cancellationToken).ConfigureAwait(false);
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
        }
    }

    private async Task<QmpClient> ConnectAsync(string binary, string accel, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var transport = new UnixSocketQmpTransport(SocketPath);
        var exited = _process.WaitForExitAsync(CancellationToken.None);
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                await exited.ConfigureAwait(false);
                throw new ProbeException(
                    $"'{binary}' (accel={accel}) exited with status {_process.ExitCode} before its QMP monitor was ready: {StderrText()}");
            }

            if (File.Exists(SocketPath))
            {
                Stream? stream = null;
                try
                {
                    stream = await transport.ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (QmpConnectionException)
                {
                    // Bound but not listening yet: try again.
                }

                if (stream is not null)
                {
                    try
                    {
                        return await QmpClient.ConnectAsync(new StreamQmpTransport(stream, transport.Description), _options.ClientOptions(), cancellationToken).ConfigureAwait(false);
                    }
                    catch (QmpException ex)
                    {
                        throw new ProbeException($"'{binary}' (accel={accel}): QMP handshake failed: {ex.Detail}{StderrSuffix()}", ex);
                    }
                }
            }

            if (clock.Elapsed > _options.StartupTimeout)
            {
                throw new ProbeException(
                    $"'{binary}' (accel={accel}) did not open its QMP socket within {Seconds(_options.StartupTimeout)} s{StderrSuffix()}");
            }

            await Task.WhenAny(Task.Delay(delay, cancellationToken), exited).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(20).Ticks));
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
