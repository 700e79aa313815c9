namespace Vireo.Runtime.Screens;

/// <summary>What <see cref="FirmwareScreenWatch"/> saw.</summary>
/// <param name="Watch">The screen watch: the picture (or last frame), when the first picture came, frames taken.</param>
/// <param name="FirmwareDone">The firmware reached its UEFI shell (or gave up booting) on the serial console.</param>
public sealed record FirmwareScreenResult(ScreenWatchResult Watch, bool FirmwareDone);
