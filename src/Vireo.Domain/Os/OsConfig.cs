using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Os;

/// <summary>The <c>&lt;os&gt;</c> element: guest type, arch, machine, firmware and boot.</summary>
public sealed record OsConfig
{
    /// <summary>hvm, linux, exe... (the text of <c>&lt;type&gt;</c>).</summary>
    public string Type { get; init; } = "hvm";

    /// <summary>Guest arch; null when the XML did not say (filled from the host).</summary>
    public string? Arch { get; init; }

    /// <summary>Machine type; null when the XML did not say (filled from the emulator's default).</summary>
    public string? Machine { get; init; }

    /// <summary>Firmware auto-selection: efi or bios (the <c>firmware</c> attribute).</summary>
    public string? Firmware { get; init; }

    /// <summary>The <c>&lt;firmware&gt;</c> child (feature requests), verbatim.</summary>
    public XElement? FirmwareFeatures { get; init; }

    public LoaderConfig? Loader { get; init; }

    public NvramConfig? Nvram { get; init; }

    /// <summary>Boot devices in order (hd, cdrom, network, fd).</summary>
    public ImmutableArray<string> BootDevices { get; init; } = [];

    /// <summary>Boot menu: enable yes/no and timeout.</summary>
    public string? BootMenuEnable { get; init; }

    public string? BootMenuTimeout { get; init; }

    public string? SmbiosMode { get; init; }

    public string? BiosUseSerial { get; init; }

    public string? BiosRebootTimeout { get; init; }

    public string? Kernel { get; init; }

    public string? Initrd { get; init; }

    public string? Cmdline { get; init; }

    public string? Dtb { get; init; }

    /// <summary>Children of &lt;os&gt; not modelled (acpi tables, init...), verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];
}
