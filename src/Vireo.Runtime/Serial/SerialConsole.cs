using System.Net.Sockets;
using Vireo.Runtime.Processes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Serial;

/// <summary>
/// The guest's first serial port, reached through the UNIX socket the start gave it in
/// place of a pty. QEMU serves one client at a time and drops output while none is
/// connected.
/// </summary>
public static class SerialConsole
{
    /// <summary>Connects to the serial port of a running guest; the stream reads guest output and writes guest input.</summary>
    /// <exception cref="RuntimeException">No such guest, it is not running, or it has no console socket.</exception>
    public static async Task<Stream> ConnectAsync(StateDirectory state, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var paths = state.Paths(name);
        var record = DomainStore.ReadRecord(paths) ?? throw new RuntimeException($"domain '{name}' is not running (no state for it in '{state.Root}')");
        if (record is not { Pid: { } pid, ProcessStartTime: { } start } || !ProcessControl.IsRunning(pid, start))
        {
            throw new RuntimeException($"domain '{name}' is not running: its QEMU has exited; 'vireo destroy {name}' clears its state");
        }

        if (!File.Exists(paths.ConsoleSocket))
        {
            throw new RuntimeException(
                $"domain '{name}' has no serial console socket: give it <serial type='pty'/> (Vireo turns it into '{paths.ConsoleSocket}') or <serial type='unix'> with a socket of your own");
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(paths.ConsoleSocket), limit.Token).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new RuntimeException($"cannot connect to the serial console of domain '{name}' ('{paths.ConsoleSocket}'): {ex.Message}", ex);
        }
    }
}
