using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;video&gt;</c> device.</summary>
public sealed record VideoDevice : DomainDevice
{
    /// <summary>Model type (vga, cirrus, vmvga, xen, vbox, qxl, parallels, virtio, gop, none, bochs, ramfb); null until defaulted.</summary>
    public string? ModelType { get; init; }

    /// <summary>Video RAM, KiB.</summary>
    public ulong? Vram { get; init; }

    /// <summary>qxl: RAM bar, KiB.</summary>
    public ulong? Ram { get; init; }

    /// <summary>qxl/vga: VGA memory, KiB.</summary>
    public ulong? Vgamem { get; init; }

    /// <summary>qxl: 64-bit VRAM bar, KiB.</summary>
    public ulong? Vram64 { get; init; }

    public int? Heads { get; init; }

    /// <summary>primary='yes'.</summary>
    public bool Primary { get; init; }

    /// <summary>&lt;acceleration accel3d='yes|no'&gt;.</summary>
    public string? Accel3d { get; init; }

    public string? Accel2d { get; init; }

    public string? AccelRendernode { get; init; }

    public int? ResolutionX { get; init; }

    public int? ResolutionY { get; init; }

    /// <summary>&lt;driver name='qemu|vhostuser'&gt;.</summary>
    public string? DriverName { get; init; }

    /// <summary>&lt;driver vgaconf='io|on|off'&gt;.</summary>
    public string? DriverVgaConf { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    /// <summary>Children not modelled, verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "video";
}
