using System.Diagnostics;
using System.Text;
using Vireo.Runtime.Control;
using Vireo.Runtime.Serial;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Screens;

/// <summary>
/// Watches a freshly started guest's firmware draw: a screenshot every 0.5 s until a picture,
/// no display at all, or the cap. A UEFI firmware that reaches its shell on the serial
/// console (or gives up booting) has connected its displays, so two seconds after that the
/// watch ends early. Used by the boot-display matrix and <c>vireo display-check --verify</c>.
/// </summary>
public static class FirmwareScreenWatch
{
    /// <summary>How long to keep watching after the firmware reached its shell.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>Watches guest <paramref name="name"/> (running, with a pty serial port) for up to <paramref name="cap"/>.</summary>
    public static async Task<FirmwareScreenResult> WatchAsync(StateDirectory state, string name, TimeSpan cap, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        using var firmwareDone = new CancellationTokenSource();
        var serial = WatchSerialAsync(state, name, firmwareDone, cancellationToken);
        ScreenWatchResult watch;
        await using (var session = await GuestSession.OpenAsync(state, name, null, cancellationToken).ConfigureAwait(false))
        {
            watch = await WatchScreenAsync(session, cap, firmwareDone.Token, cancellationToken).ConfigureAwait(false);
        }

        await firmwareDone.CancelAsync().ConfigureAwait(false);
        var shellSeen = await serial.ConfigureAwait(false);
        return new FirmwareScreenResult(watch, shellSeen);
    }

    // Polls until a picture, no display, the cap, or (firmware done) the settle time after it.
    private static async Task<ScreenWatchResult> WatchScreenAsync(GuestSession session, TimeSpan cap, CancellationToken firmwareDone, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var frames = 0;
        DateTime? settleUntil = null;
        while (true)
        {
            var shot = await ScreenCapture.CaptureAsync(session, null, null, ct).ConfigureAwait(false);
            frames++;
            if (shot.State is ScreenState.Picture or ScreenState.NoDisplay)
            {
                return new ScreenWatchResult(shot, shot.HasPicture ? clock.Elapsed : null, frames, clock.Elapsed);
            }

            if (firmwareDone.IsCancellationRequested)
            {
                settleUntil ??= DateTime.UtcNow + Settle;
            }

            if (clock.Elapsed >= cap || DateTime.UtcNow >= settleUntil)
            {
                return new ScreenWatchResult(shot, null, frames, clock.Elapsed);
            }

            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }

    // Cancels 'firmwareDone' when the UEFI shell prompt (or the give-up message) appears on the serial console.
    private static async Task<bool> WatchSerialAsync(StateDirectory state, string name, CancellationTokenSource firmwareDone, CancellationToken ct)
    {
        try
        {
            await using var serial = await SerialConsole.ConnectAsync(state, name, ct).ConfigureAwait(false);
            var text = new StringBuilder();
            var buffer = new byte[4096];
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, firmwareDone.Token);
            while (true)
            {
                var n = await serial.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return false;
                }

                text.Append(Encoding.Latin1.GetString(buffer, 0, n));
                if (text.ToString() is var t && (t.Contains("Shell>", StringComparison.Ordinal) || t.Contains("No bootable option or device was found", StringComparison.Ordinal)))
                {
                    await firmwareDone.CancelAsync().ConfigureAwait(false);
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or RuntimeException)
        {
            return false;
        }
    }
}
