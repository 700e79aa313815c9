using System.Collections.Immutable;
using System.Globalization;
using Vireo.Domain.Devices;

namespace Vireo.Qemu.Storage;

/// <summary>
/// One image of a disk's chain as the command line sees it: its block node names and
/// the settings that flow into it from the disk (cache, I/O mode, discard...).
/// </summary>
internal sealed record BlockImage
{
    public required StorageSource Source { get; init; }

    /// <summary>The number libvirt gives the image (<c>libvirt-N-*</c> node names).</summary>
    public required int Id { get; init; }

    /// <summary>True for the disk's own (top) image.</summary>
    public bool IsTop { get; init; }

    /// <summary>The image is opened read-only (a read-only disk, or any backing image).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Cache mode of the disk (none, writethrough, writeback, directsync, unsafe).</summary>
    public string? Cache { get; init; }

    /// <summary>I/O mode: threads, native, io_uring.</summary>
    public string? Io { get; init; }

    /// <summary>Discard mode of the disk: unmap, ignore.</summary>
    public string? Discard { get; init; }

    /// <summary>detect-zeroes of the top image: off, on, unmap.</summary>
    public string? DetectZeroes { get; init; }

    /// <summary>The image is the host's CD-ROM drive (host_cdrom driver).</summary>
    public bool HostCdrom { get; init; }

    /// <summary>The image backs a floppy drive (vvfat floppy layout).</summary>
    public bool Floppy { get; init; }

    /// <summary>-add-fd set holding the image's pre-opened descriptors.</summary>
    public int? FdSet { get; init; }

    /// <summary>The pre-opened descriptors of the image's fdgroup.</summary>
    public ImmutableArray<int> Fds { get; init; } = [];

    /// <summary>Id of the pr-manager-helper object for persistent reservations.</summary>
    public string? PrManager { get; init; }

    /// <summary>Id of the tls-creds-x509 object of an NBD source.</summary>
    public string? TlsAlias { get; init; }

    /// <summary>Certificate directory of the TLS object.</summary>
    public string? TlsCertDir { get; init; }

    /// <summary>Id of the secret holding the TLS key password.</summary>
    public string? TlsSecretAlias { get; init; }

    /// <summary>Gluster debug level (0 = off).</summary>
    public int GlusterDebug { get; init; }

    /// <summary>NFS user and group ids.</summary>
    public long? NfsUser { get; init; }

    public long? NfsGroup { get; init; }

    /// <summary>Prefix of the node names: <c>libvirt-N</c>, or a fixed one such as <c>libvirt-pflash1</c>.</summary>
    public string? NodePrefix { get; init; }

    private string Prefix => NodePrefix ?? "libvirt-" + Id.ToString(CultureInfo.InvariantCulture);

    public string StorageNode => Prefix + "-storage";

    public string FormatNode => Prefix + "-format";

    /// <summary>Id of the secret object for the image's &lt;auth&gt; password.</summary>
    public string AuthSecretAlias => StorageNode + "-auth-secret0";

    /// <summary>Id of the secret object for the image's HTTP cookies.</summary>
    public string CookieSecretAlias => StorageNode + "-httpcookie-secret0";

    /// <summary>Id of the i-th encryption secret object.</summary>
    public string EncryptionSecretAlias(int i) => FormatNode + "-encryption-secret" + i.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The block layer of one disk: its images top to bottom and an optional copy-on-read filter.</summary>
internal sealed record DiskBlockPlan
{
    public ImmutableArray<BlockImage> Images { get; init; } = [];

    /// <summary>Node name of the copy-on-read filter, when enabled.</summary>
    public string? CopyOnReadNode { get; init; }

    /// <summary>The node the guest device reads from.</summary>
    public string? TopNode => CopyOnReadNode ?? (Images.IsDefaultOrEmpty ? null : Images[0].FormatNode);
}
