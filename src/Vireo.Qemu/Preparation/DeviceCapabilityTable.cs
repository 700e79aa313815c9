namespace Vireo.Qemu.Preparation;

/// <summary>
/// Which capability flag a QEMU binary must report for a device model to be usable.
/// Flag names are libvirt's (caps_*.xml); each is QEMU's own device/type name or a
/// property probed with device-list-properties.
/// </summary>
public static class DeviceCapabilityTable
{
    /// <summary>Flag needed for a &lt;video&gt; model (null = no check).</summary>
    public static string? VideoFlag(string model, bool ccw, bool vhostUser) => model switch
    {
        "vga" => "VGA",
        "cirrus" => "cirrus-vga",
        "vmvga" => "vmware-svga",
        "qxl" => "qxl",
        "virtio" when vhostUser => "vhost-user-gpu",
        "virtio" when ccw => "virtio-gpu-ccw",
        "virtio" => "virtio-gpu",
        "bochs" => "bochs-display",
        "ramfb" => "ramfb",
        _ => null,
    };

    /// <summary>Flag needed for a &lt;graphics&gt; type.</summary>
    public static string? GraphicsFlag(string type) => type switch
    {
        "vnc" => "vnc",
        "spice" => "spice",
        "sdl" => "sdl",
        "egl-headless" => "egl-headless",
        "dbus" => "display-dbus",
        _ => null,
    };
}
