using System.Diagnostics;
using Vireo.Runtime.Control;

namespace Vireo.Runtime.Screens;

/// <summary>
/// Watches a guest's screen until it shows a picture: a screenshot every
/// <c>interval</c>, up to a time limit. Stops at once when there is no display at all.
/// </summary>
public static class ScreenWatch
{
    /// <summary>Polls the screen; the result holds the first picture, or the last frame when none came.</summary>
    public static async Task<ScreenWatchResult> WaitForPictureAsync(GuestSession session, TimeSpan limit, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var clock = Stopwatch.StartNew();
        var frames = 0;
        while (true)
        {
            var shot = await ScreenCapture.CaptureAsync(session, null, null, cancellationToken).ConfigureAwait(false);
            frames++;
            if (shot.State is ScreenState.Picture or ScreenState.NoDisplay)
            {
                return new ScreenWatchResult(shot, shot.HasPicture ? clock.Elapsed : null, frames, clock.Elapsed);
            }

            var next = interval - shot.Elapsed;
            if (clock.Elapsed + next >= limit)
            {
                return new ScreenWatchResult(shot, null, frames, clock.Elapsed);
            }

            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
