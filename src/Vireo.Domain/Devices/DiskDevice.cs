using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;disk&gt;</c>: a guest-visible drive and the storage behind it.</summary>
public sealed record DiskDevice : DomainDevice
{
    /// <summary>The image the guest sees (with its backing chain).</summary>
    public StorageSource Source { get; init; } = new();

    /// <summary>file, block, dir, network, volume, nvme, vhostuser (the source's type).</summary>
    public string Type => Source.Type;

    /// <summary>disk, cdrom, floppy, lun.</summary>
    public string Device { get; init; } = "disk";

    /// <summary>virtio, virtio-transitional, virtio-non-transitional.</summary>
    public string? Model { get; init; }

    /// <summary>Snapshot location: no, internal, external, manual.</summary>
    public string? Snapshot { get; init; }

    /// <summary>filtered, unfiltered (lun only).</summary>
    public string? Sgio { get; init; }

    /// <summary>yes/no (lun only).</summary>
    public string? Rawio { get; init; }

    /// <summary>The &lt;driver name&gt; (qemu).</summary>
    public string? DriverName { get; init; }

    public DiskDriverOptions Driver { get; init; } = new();

    /// <summary>Block-job destination (live definitions only).</summary>
    public DiskMirror? Mirror { get; init; }

    public string? TargetDev { get; init; }

    public string? TargetBus { get; init; }

    /// <summary>open/closed (cdrom, floppy).</summary>
    public string? TargetTray { get; init; }

    /// <summary>on/off (usb, scsi).</summary>
    public string? TargetRemovable { get; init; }

    public uint? TargetRotationRate { get; init; }

    public DiskGeometry? Geometry { get; init; }

    public uint? LogicalBlockSize { get; init; }

    public uint? PhysicalBlockSize { get; init; }

    /// <summary>&lt;iotune&gt; settings (name → value) in document order.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Iotune { get; init; } = [];

    public bool ReadOnly { get; init; }

    public bool Shareable { get; init; }

    public bool Transient { get; init; }

    /// <summary>&lt;transient shareBacking='yes'/&gt;.</summary>
    public string? TransientShareBacking { get; init; }

    public string? Serial { get; init; }

    public string? Wwn { get; init; }

    public string? Vendor { get; init; }

    public string? Product { get; init; }

    /// <summary>Children not modelled (backenddomain...), verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "disk";

    /// <summary>The image format of the disk's own source.</summary>
    public string? Format => Source.Format;

    /// <summary>The local path of the source (file/dev/dir), if any.</summary>
    public string? SourcePath => Source.Type is "file" or "block" or "dir" ? Source.Path : null;
}

/// <summary>The tunables of a disk's &lt;driver&gt; element.</summary>
public sealed record DiskDriverOptions
{
    /// <summary>default, none, writethrough, writeback, directsync, unsafe.</summary>
    public string? Cache { get; init; }

    /// <summary>stop, report, ignore, enospace.</summary>
    public string? ErrorPolicy { get; init; }

    public string? RerrorPolicy { get; init; }

    /// <summary>threads, native, io_uring.</summary>
    public string? Io { get; init; }

    public string? Ioeventfd { get; init; }

    public string? EventIdx { get; init; }

    public string? CopyOnRead { get; init; }

    /// <summary>unmap, ignore.</summary>
    public string? Discard { get; init; }

    public uint? Iothread { get; init; }

    /// <summary>off, on, unmap.</summary>
    public string? DetectZeroes { get; init; }

    public uint? Queues { get; init; }

    public uint? QueueSize { get; init; }

    public VirtioOptions Virtio { get; init; } = new();
}

/// <summary>&lt;geometry cyls= heads= secs= trans=/&gt;.</summary>
public sealed record DiskGeometry
{
    public uint Cylinders { get; init; }

    public uint Heads { get; init; }

    public uint Sectors { get; init; }

    /// <summary>auto, none, lba (null = default).</summary>
    public string? Trans { get; init; }
}

/// <summary>A block job's destination (<c>&lt;mirror&gt;</c>).</summary>
public sealed record DiskMirror
{
    public StorageSource Source { get; init; } = new();

    /// <summary>copy, active-commit...</summary>
    public string Job { get; init; } = "copy";

    /// <summary>yes, abort, pivot (null = not ready).</summary>
    public string? Ready { get; init; }
}
