using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;controller&gt;</c> (usb, pci, ide, sata, scsi, virtio-serial, ccid, fdc, xenbus, isa).</summary>
public sealed record ControllerDevice : DomainDevice
{
    public required string Type { get; init; }

    public int Index { get; init; }

    /// <summary>Model, e.g. piix3-uhci, qemu-xhci, pci-root, pcie-root-port; null until defaulted.</summary>
    public string? Model { get; init; }

    public int? Ports { get; init; }

    public int? Vectors { get; init; }

    /// <summary>pci: &lt;model name='...'/&gt; (the QEMU device implementing it).</summary>
    public string? ModelName { get; init; }

    public int? TargetChassisNr { get; init; }

    public int? TargetChassis { get; init; }

    public int? TargetPort { get; init; }

    public int? TargetBusNr { get; init; }

    public int? TargetIndex { get; init; }

    public string? TargetHotplug { get; init; }

    public int? TargetNode { get; init; }

    public ulong? TargetMemReserve { get; init; }

    /// <summary>usb companion: &lt;master startport='N'/&gt;.</summary>
    public int? MasterStartPort { get; init; }

    /// <summary>&lt;driver&gt; attributes other than virtio options (queues, cmd_per_lun, iothread...).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Driver { get; init; } = [];

    public VirtioOptions Virtio { get; init; } = new();

    /// <summary>Children not modelled, verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "controller";

    /// <summary>True if this is a PCI controller.</summary>
    public bool IsPci => Type == "pci";
}
