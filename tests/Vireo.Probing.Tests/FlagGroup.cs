namespace Vireo.Probing.Tests;

/// <summary>A named set of capability flags compared on its own (video devices, display back-ends, host devices, all).</summary>
internal sealed record FlagGroup(string Name, Func<string, bool> Contains)
{
    private static readonly string[] VideoPrefixes =
        ["VGA", "cirrus-vga", "vmware-svga", "qxl", "virtio-gpu", "virtio-vga", "bochs-display", "ramfb", "vhost-user-gpu", "vhost-user-vga"];

    private static readonly string[] DisplayPrefixes = ["spice", "vnc", "sdl", "egl-headless", "display-dbus", "screendump", "screenshot"];

    private static readonly string[] HostdevPrefixes = ["vfio-", "usb-host"];

    public static IReadOnlyList<FlagGroup> All { get; } =
    [
        new("video devices", f => StartsWithAny(f, VideoPrefixes)),
        new("display back-ends", f => StartsWithAny(f, DisplayPrefixes)),
        new("host devices", f => StartsWithAny(f, HostdevPrefixes)),
        new("all flags", _ => true),
    ];

    private static bool StartsWithAny(string flag, string[] prefixes) =>
        prefixes.Any(p => flag.StartsWith(p, StringComparison.Ordinal));
}
