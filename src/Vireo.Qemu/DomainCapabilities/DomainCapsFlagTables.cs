using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Which QEMU capability flag makes libvirt offer which domain-capabilities value.
/// Source: libvirt 9.0 src/qemu/qemu_capabilities.c, virQEMUCapsFillDomain* functions.
/// </summary>
internal static class DomainCapsFlagTables
{
    // virQEMUCapsFillDomainDeviceGraphicsCaps: QEMU_CAPS_SDL, _VNC, _SPICE, _EGL_HEADLESS, _DISPLAY_DBUS.
    public static readonly ImmutableArray<(string Flag, string Value)> GraphicsTypes =
    [
        ("sdl", "sdl"),
        ("vnc", "vnc"),
        ("spice", "spice"),
        ("egl-headless", "egl-headless"),
        ("display-dbus", "dbus"),
    ];

    // virQEMUCapsFillDomainDeviceVideoCaps: "none" is always offered; the rest per device flag.
    public static readonly ImmutableArray<(string Flag, string Value)> VideoModels =
    [
        ("VGA", "vga"),
        ("cirrus-vga", "cirrus"),
        ("vmware-svga", "vmvga"),
        ("qxl", "qxl"),
        ("virtio-gpu", "virtio"),
        ("bochs-display", "bochs"),
        ("ramfb", "ramfb"),
    ];

    // virQEMUCapsFillDomainDeviceHostdevCaps: any USB host controller makes USB hostdevs possible.
    public static readonly ImmutableArray<string> UsbControllers =
    [
        "piix3-usb-uhci", "piix4-usb-uhci", "usb-ehci", "ich9-usb-ehci1", "vt82c686b-usb-uhci", "pci-ohci", "nec-usb-xhci", "qemu-xhci",
    ];

    // virQEMUCapsFillDomainDeviceRNGCaps: backend objects.
    public static readonly ImmutableArray<(string Flag, string Value)> RngBackends =
    [
        ("rng-egd", "egd"),
        ("rng-random", "random"),
        ("rng-builtin", "builtin"),
    ];

    // virQEMUCapsFillDomainDeviceTPMCaps: frontend models.
    public static readonly ImmutableArray<(string Flag, string Value)> TpmModels =
    [
        ("tpm-tis", "tpm-tis"),
        ("tpm-crb", "tpm-crb"),
        ("tpm-spapr", "tpm-spapr"),
        ("spapr-tpm-proxy", "spapr-tpm-proxy"),
    ];

    // domCapsTuples: <features> entries driven by one flag; null = always supported.
    // async-teardown arrived after libvirt 9.0 and is emitted only with IncludePost90Sections.
    public static readonly ImmutableArray<(string Name, string? Flag, bool Post90)> SimpleFeatures =
    [
        ("vmcoreinfo", "vmcoreinfo", false),
        ("genid", "vmgenid", false),
        ("backingStoreInput", null, false),
        ("backup", "incremental-backup", false),
        ("async-teardown", "run-with.async-teardown", true),
    ];
}
