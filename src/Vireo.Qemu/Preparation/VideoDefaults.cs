namespace Vireo.Qemu.Preparation;

/// <summary>
/// Default video memory sizes per model, in KiB (libvirt's defaults, which follow QEMU's
/// device defaults: hw/display/vga*.c 16 MiB VGA RAM, hw/display/qxl.c 64 MiB RAM/VRAM
/// bars and 16 MiB VGA memory).
/// </summary>
public static class VideoDefaults
{
    /// <summary>Default <c>vram</c> for a model (0 = none).</summary>
    public static ulong Vram(string model) => model switch
    {
        "vga" or "cirrus" or "vmvga" or "bochs" => 16 * 1024,
        "xen" => 4 * 1024,
        "qxl" => 64 * 1024,
        "vbox" => 8 * 1024,
        "parallels" => 16 * 1024,
        _ => 0,
    };

    /// <summary>Default qxl RAM bar.</summary>
    public const ulong QxlRam = 64 * 1024;

    /// <summary>Default qxl VGA memory.</summary>
    public const ulong QxlVgamem = 16 * 1024;

    /// <summary>Models that can have several heads.</summary>
    public static bool HasHeads(string model) => model is not ("none" or "ramfb");
}
