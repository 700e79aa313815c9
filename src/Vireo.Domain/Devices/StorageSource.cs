using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>
/// One image of a disk's storage: the disk's own <c>&lt;source&gt;</c>, a member of its
/// <c>&lt;backingStore&gt;</c> chain or a block-job <c>&lt;mirror&gt;</c> (libvirt's virStorageSource).
/// </summary>
public sealed record StorageSource
{
    /// <summary>file, block, dir, network, volume, nvme, vhostuser; <c>none</c> is the chain terminator (<c>&lt;backingStore/&gt;</c>).</summary>
    public string Type { get; init; } = "file";

    /// <summary>Image format (raw, qcow2, luks...); null when not given.</summary>
    public string? Format { get; init; }

    /// <summary>Local path (file/dev/dir) or, for network sources, the image name (without the rbd pool / gluster volume).</summary>
    public string? Path { get; init; }

    /// <summary>Name of a group of pre-opened file descriptors that stand for the file.</summary>
    public string? FdGroup { get; init; }

    /// <summary>Network protocol: nbd, rbd, sheepdog, gluster, iscsi, http, https, ftp, ftps, tftp, ssh, vxhs, nfs.</summary>
    public string? Protocol { get; init; }

    /// <summary>rbd pool or gluster volume: the part of the network name before the first '/'.</summary>
    public string? Volume { get; init; }

    public string? Query { get; init; }

    /// <summary>tls yes/no.</summary>
    public string? Tls { get; init; }

    public string? TlsHostname { get; init; }

    public ImmutableArray<StorageHost> Hosts { get; init; } = [];

    /// <summary>rbd snapshot name.</summary>
    public string? Snapshot { get; init; }

    /// <summary>rbd configuration file.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>iSCSI initiator IQN.</summary>
    public string? InitiatorIqn { get; init; }

    /// <summary>ssl verify yes/no (https, ftps).</summary>
    public string? SslVerify { get; init; }

    public ImmutableArray<KeyValuePair<string, string>> Cookies { get; init; } = [];

    /// <summary>Readahead size in bytes (curl protocols).</summary>
    public ulong? Readahead { get; init; }

    /// <summary>Connection timeout in seconds (curl protocols).</summary>
    public ulong? Timeout { get; init; }

    /// <summary>NFS identity user.</summary>
    public string? IdentityUser { get; init; }

    /// <summary>NFS identity group.</summary>
    public string? IdentityGroup { get; init; }

    /// <summary>NBD reconnect delay in seconds.</summary>
    public uint? ReconnectDelay { get; init; }

    public StorageAuth? Auth { get; init; }

    /// <summary>True when &lt;auth&gt; was written as a child of &lt;disk&gt; rather than of &lt;source&gt;.</summary>
    public bool AuthOnDisk { get; init; }

    public StorageEncryption? Encryption { get; init; }

    /// <summary>True when &lt;encryption&gt; was written as a child of &lt;disk&gt; rather than of &lt;source&gt;.</summary>
    public bool EncryptionOnDisk { get; init; }

    public StorageReservations? Reservations { get; init; }

    /// <summary>Per-image security label overrides (&lt;seclabel&gt;).</summary>
    public ImmutableArray<DeviceSeclabel> Seclabels { get; init; } = [];

    /// <summary>Storage pool of a volume source.</summary>
    public string? Pool { get; init; }

    /// <summary>Volume name of a volume source.</summary>
    public string? PoolVolume { get; init; }

    /// <summary>Volume mode: host or direct.</summary>
    public string? PoolMode { get; init; }

    public NvmeSource? Nvme { get; init; }

    /// <summary>vhost-user socket (type unix): path.</summary>
    public string? VhostUserPath { get; init; }

    /// <summary>vhost-user socket mode (client).</summary>
    public string? VhostUserMode { get; init; }

    /// <summary>vhost-user &lt;reconnect&gt;, verbatim.</summary>
    public XElement? VhostUserReconnect { get; init; }

    /// <summary>startupPolicy of the disk's own source (mandatory, requisite, optional).</summary>
    public string? StartupPolicy { get; init; }

    /// <summary>index='N' of a live definition's chain member.</summary>
    public int? Index { get; init; }

    public ImmutableArray<StorageSlice> Slices { get; init; } = [];

    /// <summary>qcow2 metadata cache size in bytes.</summary>
    public ulong? MetadataCacheMaxSize { get; init; }

    /// <summary>The image this one is backed by: null when the chain is not described; a source of type <c>none</c> terminates it.</summary>
    public StorageSource? BackingStore { get; init; }

    /// <summary>True for the chain terminator.</summary>
    public bool IsTerminator => Type == "none";

    /// <summary>True for a source with a real image (not the terminator).</summary>
    public bool IsBacking => Type != "none";

    /// <summary>True when a local source has no path (empty cdrom or floppy drive).</summary>
    public bool IsEmpty => Type is "file" or "block" or "dir" && Path is null && FdGroup is null
        || Type == "network" && Protocol is null
        || Type == "volume" && Pool is null;

    /// <summary>The chain from this image down, terminator excluded.</summary>
    public IEnumerable<StorageSource> Chain()
    {
        for (var s = this; s is not null && s.IsBacking; s = s.BackingStore)
        {
            yield return s;
        }
    }
}

/// <summary>A <c>&lt;host&gt;</c> of a network source.</summary>
public sealed record StorageHost
{
    public string? Name { get; init; }

    public string? Port { get; init; }

    /// <summary>tcp, unix, rdma (null = not given).</summary>
    public string? Transport { get; init; }

    public string? Socket { get; init; }
}

/// <summary>An <c>&lt;auth&gt;</c>: user name and a secret reference.</summary>
public sealed record StorageAuth
{
    public string? Username { get; init; }

    /// <summary>iscsi or ceph (null = not given).</summary>
    public string? SecretType { get; init; }

    public string? SecretUuid { get; init; }

    public string? SecretUsage { get; init; }
}

/// <summary>A secret reference inside <c>&lt;encryption&gt;</c>.</summary>
public sealed record EncryptionSecret
{
    /// <summary>passphrase.</summary>
    public string Type { get; init; } = "passphrase";

    public string? Uuid { get; init; }

    public string? Usage { get; init; }
}

/// <summary>An <c>&lt;encryption&gt;</c> of an image.</summary>
public sealed record StorageEncryption
{
    /// <summary>default, qcow, luks, luks2, luks-any.</summary>
    public string Format { get; init; } = "default";

    /// <summary>qemu or librbd (null = default).</summary>
    public string? Engine { get; init; }

    public ImmutableArray<EncryptionSecret> Secrets { get; init; } = [];

    /// <summary>&lt;cipher&gt; and &lt;ivgen&gt;, verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];
}

/// <summary>Persistent reservations (<c>&lt;reservations&gt;</c>) of a SCSI LUN.</summary>
public sealed record StorageReservations
{
    /// <summary>managed yes/no.</summary>
    public string? Managed { get; init; }

    /// <summary>Unmanaged helper socket type (unix).</summary>
    public string? SourceType { get; init; }

    public string? SourcePath { get; init; }

    public string? SourceMode { get; init; }
}

/// <summary>An NVMe namespace on a host PCI controller.</summary>
public sealed record NvmeSource
{
    public string Type { get; init; } = "pci";

    /// <summary>managed yes/no (null = not given).</summary>
    public string? Managed { get; init; }

    public ulong Namespace { get; init; }

    public PciAddress? Address { get; init; }
}

/// <summary>A <c>&lt;slice type='storage' offset= size=/&gt;</c>.</summary>
public sealed record StorageSlice(string Type, ulong Offset, ulong Size);

/// <summary>A per-device security label override: relabel or not, and the label to use.</summary>
public sealed record DeviceSeclabel
{
    /// <summary>Security driver (selinux, dac...).</summary>
    public string? Model { get; init; }

    public bool Relabel { get; init; } = true;

    /// <summary>Live definitions only: the label was skipped on purpose.</summary>
    public bool LabelSkip { get; init; }

    public string? Label { get; init; }
}
