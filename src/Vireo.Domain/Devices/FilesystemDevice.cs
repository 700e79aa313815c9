using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;filesystem&gt;</c>: a host directory shared with the guest (virtio-9p or virtiofs).</summary>
public sealed record FilesystemDevice : DomainDevice
{
    /// <summary>mount, block, file, template, ram, bind, volume.</summary>
    public string Type { get; init; } = "mount";

    /// <summary>passthrough, mapped, squash (null = not given).</summary>
    public string? AccessMode { get; init; }

    /// <summary>virtio, virtio-transitional, virtio-non-transitional.</summary>
    public string? Model { get; init; }

    /// <summary>remap, forbid, warn (null = default).</summary>
    public string? Multidevs { get; init; }

    /// <summary>File creation mode (octal permission bits), 0 = not given.</summary>
    public uint FileMode { get; init; }

    /// <summary>Directory creation mode (octal permission bits), 0 = not given.</summary>
    public uint DirMode { get; init; }

    /// <summary>Driver: path, handle, loop, nbd, ploop, virtiofs (null = default).</summary>
    public string? DriverType { get; init; }

    /// <summary>Image format of loop/nbd drivers.</summary>
    public string? DriverFormat { get; init; }

    /// <summary>Write policy: immediate.</summary>
    public string? WritePolicy { get; init; }

    /// <summary>virtiofs queue size.</summary>
    public ulong? QueueSize { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    /// <summary>virtiofsd settings (&lt;binary&gt;), verbatim.</summary>
    public XElement? Binary { get; init; }

    /// <summary>Host side: directory, device, file, template name or pool volume.</summary>
    public string? SourcePath { get; init; }

    /// <summary>Socket of an externally started virtiofsd.</summary>
    public string? SourceSocket { get; init; }

    /// <summary>The &lt;source&gt; element of kinds Vireo does not model (ram, volume), verbatim.</summary>
    public XElement? SourceElement { get; init; }

    /// <summary>Guest side: the mount tag.</summary>
    public string? TargetDir { get; init; }

    public bool ReadOnly { get; init; }

    /// <summary>Children not modelled (idmap, space limits), verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "filesystem";
}
