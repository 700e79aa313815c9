namespace Vireo.Runtime.Screens;

/// <summary>What a guest's screen shows.</summary>
public enum ScreenState
{
    /// <summary>There is no display surface at all (no graphical console: <c>&lt;video&gt;&lt;model type='none'/&gt;</c>, or none the firmware can use).</summary>
    NoDisplay,

    /// <summary>Every pixel has the same colour.</summary>
    Blank,

    /// <summary>QEMU's own "Guest has not initialized the display (yet)." (or "Display output is not active.") placeholder, not the guest's picture.</summary>
    Placeholder,

    /// <summary>A picture the guest drew.</summary>
    Picture,
}
