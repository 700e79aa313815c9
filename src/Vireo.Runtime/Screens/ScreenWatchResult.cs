namespace Vireo.Runtime.Screens;

/// <summary>The outcome of watching a screen.</summary>
/// <param name="Last">The picture, or the last frame taken when none came (or the no-display answer).</param>
/// <param name="FirstPicture">Time from the start of the watch to the first picture; null when none came.</param>
/// <param name="Frames">Screenshots taken.</param>
/// <param name="Elapsed">How long the watch lasted.</param>
public sealed record ScreenWatchResult(Screenshot Last, TimeSpan? FirstPicture, int Frames, TimeSpan Elapsed);
