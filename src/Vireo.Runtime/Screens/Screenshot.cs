namespace Vireo.Runtime.Screens;

/// <summary>One screen capture.</summary>
/// <param name="State">What the screen shows.</param>
/// <param name="Image">The picture; null when there is no display.</param>
/// <param name="Message">QEMU's answer when there is no display.</param>
/// <param name="Elapsed">How long the capture took (QMP round trip and reading QEMU's file).</param>
public sealed record Screenshot(ScreenState State, RgbImage? Image, string? Message, TimeSpan Elapsed)
{
    /// <summary>True when the guest has drawn something (not blank, not QEMU's placeholder).</summary>
    public bool HasPicture => State == ScreenState.Picture;
}
