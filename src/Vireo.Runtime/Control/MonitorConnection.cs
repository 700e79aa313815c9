using System.Diagnostics;
using Vireo.Qmp;
using Vireo.Runtime.Processes;

namespace Vireo.Runtime.Control;

/// <summary>Connects to a guest's QMP socket while watching that its QEMU is still alive.</summary>
public static class MonitorConnection
{
    /// <summary>Client options for a monitor that may be slow (TCG on a busy host).</summary>
    public static QmpClientOptions Options(TimeSpan handshake, TimeSpan command) => new()
    {
        ConnectTimeout = handshake,
        GreetingTimeout = handshake,
        CommandTimeout = command,
    };

    /// <summary>
    /// Polls until the socket answers with a greeting (1 ms back-off doubling to 50 ms).
    /// Throws <see cref="QemuExitedException"/> as soon as QEMU is gone, a
    /// <see cref="RuntimeException"/> when it does not answer within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<QmpClient> ConnectAsync(string socketPath, int pid, ulong startTime, TimeSpan timeout, QmpClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(1);
        string? lastError = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ProcessControl.IsRunning(pid, startTime))
            {
                throw new QemuExitedException(pid, ProcessControl.ExitDescription(pid));
            }

            if (File.Exists(socketPath))
            {
                Stream? stream = null;
                try
                {
                    stream = await new UnixSocketQmpTransport(socketPath).ConnectAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (QmpConnectionException ex)
                {
                    lastError = ex.Detail;
                }

                if (stream is not null)
                {
                    try
                    {
                        return await QmpClient.ConnectAsync(new StreamQmpTransport(stream, "unix:" + socketPath), options, cancellationToken).ConfigureAwait(false);
                    }
                    catch (QmpException ex)
                    {
                        // QEMU opens its monitor before it builds the machine; when that
                        // fails it drops the connection and exits.
                        if (await ProcessControl.WaitForExitAsync(pid, startTime, TimeSpan.FromSeconds(2), CancellationToken.None).ConfigureAwait(false))
                        {
                            throw new QemuExitedException(pid, ProcessControl.ExitDescription(pid));
                        }

                        throw new RuntimeException($"QEMU (pid {pid}) accepted a connection on '{socketPath}' but the QMP handshake failed: {ex.Detail}", ex);
                    }
                }
            }

            if (clock.Elapsed >= timeout)
            {
                var why = File.Exists(socketPath) ? $"it does not accept connections ({lastError})" : "the socket does not exist";
                throw new RuntimeException($"QEMU (pid {pid}) did not answer on its monitor socket '{socketPath}' within {timeout.TotalSeconds:0.#} s: {why}");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(50).Ticks));
        }
    }
}
