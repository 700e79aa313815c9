namespace Vireo.Advisor.Facts;

/// <summary>The stages of a guest's display chain, from power-on to the remote viewer, in order.</summary>
public enum DisplayStage
{
    /// <summary>Which QEMU device each &lt;video&gt; (and vGPU display) becomes, and whether the binary has it.</summary>
    Device,

    /// <summary>Whether the device's framebuffer is coherent under the accelerator.</summary>
    Accelerator,

    /// <summary>Which firmware display driver binds the boot display.</summary>
    Firmware,

    /// <summary>Boot loader and early OS console: linear framebuffer or Blt() only; text mode or fbcon.</summary>
    Bootloader,

    /// <summary>Which guest driver takes over.</summary>
    OsDriver,

    /// <summary>Whether the &lt;graphics&gt; chosen can show it.</summary>
    RemoteDisplay,
}
