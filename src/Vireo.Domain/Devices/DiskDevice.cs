using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;disk&gt;</c>.</summary>
public sealed record DiskDevice : DomainDevice
{
    /// <summary>file, block, dir, network, volume, nvme, vhostuser.</summary>
    public required string Type { get; init; }

    /// <summary>disk, cdrom, floppy, lun.</summary>
    public string Device { get; init; } = "disk";

    public string? Model { get; init; }

    public string? Snapshot { get; init; }

    public string? Sgio { get; init; }

    public string? Rawio { get; init; }

    /// <summary>&lt;driver&gt; attributes in document order (name, type, cache, io, discard...).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Driver { get; init; } = [];

    /// <summary>&lt;driver&gt; children (metadata_cache), verbatim.</summary>
    public ImmutableArray<XElement> DriverChildren { get; init; } = [];

    /// <summary>The &lt;source&gt; element, verbatim (null for an empty cdrom).</summary>
    public XElement? Source { get; init; }

    public string? TargetDev { get; init; }

    public string? TargetBus { get; init; }

    public string? TargetTray { get; init; }

    public string? TargetRemovable { get; init; }

    public string? TargetRotationRate { get; init; }

    public bool ReadOnly { get; init; }

    public bool Shareable { get; init; }

    public bool Transient { get; init; }

    public string? Serial { get; init; }

    public string? Wwn { get; init; }

    public string? Vendor { get; init; }

    public string? Product { get; init; }

    /// <summary>Children not modelled (backingStore, iotune, encryption, auth, geometry, blockio...), verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "disk";

    /// <summary>A driver attribute, or null.</summary>
    public string? DriverAttr(string name)
    {
        foreach (var kv in Driver)
        {
            if (kv.Key == name)
            {
                return kv.Value;
            }
        }

        return null;
    }

    /// <summary>The local path of the source (file/dev/dir attribute), if any.</summary>
    public string? SourcePath =>
        (string?)Source?.Attribute("file") ?? (string?)Source?.Attribute("dev") ?? (string?)Source?.Attribute("dir");
}
