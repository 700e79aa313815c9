using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;hostdev&gt;</c>: a host PCI/USB/SCSI device or a mediated device (vGPU).</summary>
public sealed record HostdevDevice : DomainDevice
{
    /// <summary>subsystem or capabilities.</summary>
    public string Mode { get; init; } = "subsystem";

    /// <summary>pci, usb, scsi, scsi_host, mdev (subsystem) or storage, misc, net (capabilities).</summary>
    public required string Type { get; init; }

    /// <summary>managed yes/no (null = not given).</summary>
    public string? Managed { get; init; }

    /// <summary>mdev: vfio-pci, vfio-ccw, vfio-ap.</summary>
    public string? Model { get; init; }

    /// <summary>mdev display on/off (null = default).</summary>
    public string? Display { get; init; }

    /// <summary>mdev ramfb on/off (null = default).</summary>
    public string? Ramfb { get; init; }

    public string? Sgio { get; init; }

    public string? Rawio { get; init; }

    /// <summary>pci source address.</summary>
    public PciAddress? SourcePci { get; init; }

    /// <summary>mdev source uuid.</summary>
    public string? SourceMdevUuid { get; init; }

    /// <summary>The &lt;source&gt; element verbatim (for types Vireo does not model).</summary>
    public XElement? Source { get; init; }

    /// <summary>&lt;driver name='vfio|kvm|xen'/&gt;.</summary>
    public string? DriverName { get; init; }

    public bool ReadOnly { get; init; }

    public bool Shareable { get; init; }

    /// <summary>Children not modelled, verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "hostdev";

    /// <summary>True for an mdev hostdev with display='on'.</summary>
    public bool IsMdevDisplay => Type == "mdev" && Display == "on";
}
