namespace Vireo.Runtime.Screens;

/// <summary>What <see cref="FirmwareScreenWatch"/> saw.</summary>
/// <param name="Watch">The screen watch: the picture (or last frame), when the first picture came, frames taken.</param>
/// <param name="FirmwareDone">The firmware reached its UEFI shell (or gave up booting) on the serial console.</param>
public sealed record FirmwareScreenResult(ScreenWatchResult Watch, bool FirmwareDone)
{
    /// <summary>
    /// The firmware screen as the boot-display matrix and <c>display-check</c> name it:
    /// <c>picture</c>, <c>no-display</c>, <c>placeholder</c> or <c>blank</c>.
    /// </summary>
    public string Outcome => Watch.Last.State switch
    {
        ScreenState.Picture => "picture",
        ScreenState.NoDisplay => "no-display",
        ScreenState.Placeholder => "placeholder",
        _ => "blank",
    };
}
