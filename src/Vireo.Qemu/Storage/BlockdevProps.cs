using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.CommandLine;

namespace Vireo.Qemu.Storage;

/// <summary>
/// The <c>-blockdev</c> JSON of an image: the protocol ("storage") node that reaches the
/// bytes, and the format node that interprets them (libvirt's qemu_block.c).
/// </summary>
internal static class BlockdevProps
{
    /// <summary>The cache object of a cache mode: direct / no-flush; null for the default mode.</summary>
    public static QemuProps? CacheProps(string? mode) => mode switch
    {
        "none" => new QemuProps().Bool("direct", true).Bool("no-flush", false),
        "writethrough" => new QemuProps().Bool("direct", false).Bool("no-flush", false),
        "writeback" => new QemuProps().Bool("direct", false).Bool("no-flush", false),
        "directsync" => new QemuProps().Bool("direct", true).Bool("no-flush", false),
        "unsafe" => new QemuProps().Bool("direct", false).Bool("no-flush", true),
        _ => null,
    };

    /// <summary>Whether a cache mode keeps the guest's write cache on (write-cache=on), or null for the default mode.</summary>
    public static bool? WriteBack(string? mode) => mode switch
    {
        "none" or "writeback" or "unsafe" => true,
        "writethrough" or "directsync" => false,
        _ => null,
    };

    /// <summary>The storage node: how QEMU reaches the image's bytes.</summary>
    public static QemuProps Storage(BlockImage image)
    {
        var src = image.Source;
        QemuProps props;
        switch (src.Type)
        {
            case "file" or "block" or "volume":
                props = File(image);
                break;
            case "dir":
                props = new QemuProps().Str("driver", "vvfat").Str("dir", src.Path).Bool("floppy", image.Floppy).Bool("rw", !image.ReadOnly);
                break;
            case "nvme":
                props = Nvme(src);
                break;
            case "network":
                props = Network(image);
                break;
            default:
                throw DomainConfigException.Internal($"storage type '{src.Type}' can't be used as a block device");
        }

        props.Str("node-name", image.StorageNode);
        props.Obj("cache", CacheProps(image.Cache));

        // With a single pre-opened descriptor QEMU cannot reopen read-only first, so no auto-read-only.
        if (image.Fds.Length == 1 && src.Type is "file" or "block")
        {
            props.Bool("read-only", image.ReadOnly);
        }
        else
        {
            props.Bool("auto-read-only", true);
        }

        props.Str("discard", "unmap");
        return props;
    }

    private static QemuProps File(BlockImage image)
    {
        var src = image.Source;
        var driver = "file";
        if (src.Type == "block")
        {
            driver = IsHostCdrom(image) ? "host_cdrom" : "host_device";
        }

        return new QemuProps()
            .Str("driver", driver)
            .Str("filename", image.FdSet is { } set ? "/dev/fdset/" + set.ToString(CultureInfo.InvariantCulture) : src.Path)
            .Str("aio", image.Io)
            .Str("pr-manager", image.PrManager);
    }

    /// <summary>A raw block device that is the host's CD-ROM drive.</summary>
    private static bool IsHostCdrom(BlockImage image) =>
        image.Source.Type == "block" && image.HostCdrom;

    private static QemuProps Nvme(StorageSource src)
    {
        var a = src.Nvme?.Address ?? throw DomainConfigException.Internal("NVMe disk source is missing address");
        var ci = CultureInfo.InvariantCulture;
        var addr = a.Domain.ToString("x4", ci) + ":" + a.Bus.ToString("x2", ci) + ":" + a.Slot.ToString("x2", ci) + "." + a.Function.ToString("x", ci);
        return new QemuProps().Str("driver", "nvme").Str("device", addr).UNum("namespace", src.Nvme.Namespace);
    }

    private static QemuProps Network(BlockImage image)
    {
        var src = image.Source;
        var props = new QemuProps().Str("driver", src.Protocol);
        switch (src.Protocol)
        {
            case "gluster":
                props.Str("volume", src.Volume).Str("path", src.Path).Arr("server", [.. src.Hosts.Select(h => (object)SocketAddress(h))]);
                if (image.GlusterDebug > 0)
                {
                    props.Num("debug", image.GlusterDebug);
                }

                break;
            case "http" or "https" or "ftp" or "ftps" or "tftp":
                props.Str("url", Uri(src))
                    .Str("username", src.Auth?.Username)
                    .Str("password-secret", src.Auth is null ? null : image.AuthSecretAlias);
                if (src.SslVerify is { } verify)
                {
                    props.Bool("sslverify", verify == "yes");
                }

                props.Str("cookie-secret", src.Cookies.IsDefaultOrEmpty ? null : image.CookieSecretAlias)
                    .UNum("timeout", src.Timeout is > 0 ? src.Timeout : null)
                    .UNum("readahead", src.Readahead is > 0 ? src.Readahead : null);
                break;
            case "iscsi":
                Iscsi(props, image);
                break;
            case "nbd":
                if (src.Hosts.Length != 1)
                {
                    throw DomainConfigException.Internal("nbd protocol accepts only one host");
                }

                props.Obj("server", SocketAddress(src.Hosts[0]))
                    .Str("export", src.Path)
                    .Str("tls-creds", image.TlsAlias)
                    .Str("tls-hostname", src.TlsHostname)
                    .Num("reconnect-delay", src.ReconnectDelay is > 0 ? src.ReconnectDelay : null);
                break;
            case "rbd":
                Rbd(props, image);
                break;
            case "sheepdog":
                if (src.Hosts.Length != 1)
                {
                    throw DomainConfigException.Internal("sheepdog protocol accepts only one host");
                }

                props.Obj("server", SocketAddress(src.Hosts[0])).Str("vdi", src.Path);
                break;
            case "ssh":
                if (src.Hosts.Length != 1)
                {
                    throw DomainConfigException.Internal("ssh protocol accepts only one host");
                }

                props.Str("path", src.Path).Obj("server", InetAddress(src.Hosts[0])).Str("user", src.Auth?.Username);
                break;
            case "nfs":
                props.Obj("server", new QemuProps().Str("host", src.Hosts.IsDefaultOrEmpty ? null : src.Hosts[0].Name).Str("type", "inet"))
                    .Str("path", src.Path)
                    .Num("user", image.NfsUser)
                    .Num("group", image.NfsGroup);
                break;
            default:
                throw DomainConfigException.Unsupported($"network protocol '{src.Protocol}' is not supported with this QEMU binary");
        }

        return props;
    }

    private static void Iscsi(QemuProps props, BlockImage image)
    {
        var src = image.Source;
        var target = src.Path ?? "";
        long lun = 0;
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            var lunText = target[(slash + 1)..];
            target = target[..slash];
            if (!long.TryParse(lunText, NumberStyles.None, CultureInfo.InvariantCulture, out lun))
            {
                throw DomainConfigException.Internal($"cannot parse target for lunStr '{target}'");
            }
        }

        if (src.Hosts.IsDefaultOrEmpty)
        {
            throw DomainConfigException.Internal("iscsi protocol requires a host");
        }

        var host = src.Hosts[0];
        var name = host.Name ?? "";
        var portal = (IsIpv6(name) ? "[" + name + "]" : name) + ":" + (host.Port ?? "0");
        props.Str("portal", portal)
            .Str("target", target)
            .Num("lun", lun)
            .Str("transport", "tcp")
            .Str("user", src.Auth?.Username)
            .Str("password-secret", src.Auth is null ? null : image.AuthSecretAlias)
            .Str("initiator-name", src.InitiatorIqn);
    }

    private static void Rbd(QemuProps props, BlockImage image)
    {
        var src = image.Source;
        QemuProps? encrypt = null;
        if (src.Encryption is { Engine: "librbd" } enc)
        {
            var format = enc.Format switch
            {
                "luks" => "luks",
                "luks2" => "luks2",
                "luks-any" => "luks-any",
                _ => throw DomainConfigException.Unsupported($"librbd encryption does not support format '{enc.Format}'"),
            };

            // Each further secret wraps the layer below it as its parent.
            for (var i = enc.Secrets.Length; i > 0; i--)
            {
                var layer = new QemuProps().Str("format", format).Str("key-secret", image.EncryptionSecretAlias(i - 1));
                layer.Obj("parent", encrypt);
                encrypt = layer;
            }
        }

        props.Str("pool", src.Volume)
            .Str("image", src.Path)
            .Str("snapshot", src.Snapshot)
            .Str("conf", src.ConfigFile);
        if (!src.Hosts.IsDefaultOrEmpty)
        {
            props.Arr("server", [.. src.Hosts.Select(h => (object)InetAddress(h))]);
        }

        props.Obj("encrypt", encrypt);
        if (src.Auth is { } auth)
        {
            props.Str("user", auth.Username)
                .Arr("auth-client-required", ["cephx", "none"])
                .Str("key-secret", image.AuthSecretAlias);
        }
    }

    /// <summary>A SocketAddress: inet (host, port) or unix (path).</summary>
    private static QemuProps SocketAddress(StorageHost h) => h.Transport switch
    {
        "unix" => new QemuProps().Str("type", "unix").Str("path", h.Socket),
        null or "tcp" => new QemuProps().Str("type", "inet").Str("host", h.Name).Str("port", h.Port ?? "0"),
        var t => throw DomainConfigException.Unsupported($"transport protocol '{t}' is not yet supported"),
    };

    /// <summary>An InetSocketAddress: host and port.</summary>
    private static QemuProps InetAddress(StorageHost h)
    {
        if (h.Transport is not (null or "tcp"))
        {
            throw DomainConfigException.Unsupported("only TCP protocol can be converted to InetSocketAddress");
        }

        return new QemuProps().Str("host", h.Name).Str("port", h.Port ?? "0");
    }

    private static bool IsIpv6(string name) =>
        IPAddress.TryParse(name, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    /// <summary>The URL of a curl-driven source (http, https, ftp, ftps, tftp).</summary>
    private static string Uri(StorageSource src)
    {
        if (src.Hosts.Length != 1)
        {
            throw DomainConfigException.Internal($"protocol '{src.Protocol}' accepts only one host");
        }

        var h = src.Hosts[0];
        var sb = new StringBuilder();
        sb.Append(src.Protocol);
        if (h.Transport is not (null or "tcp"))
        {
            sb.Append('+').Append(h.Transport);
        }

        sb.Append("://");
        var name = h.Name ?? "";
        sb.Append(IsIpv6(name) ? "[" + name + "]" : name);
        if (h.Transport is null or "tcp" && h.Port is { } port && port != "0")
        {
            sb.Append(':').Append(port);
        }

        if (src.Path is { } path)
        {
            if (src.Volume is not null)
            {
                sb.Append('/').Append(src.Volume).Append('/').Append(path);
            }
            else
            {
                sb.Append(path.StartsWith('/') ? "" : "/").Append(path);
            }
        }

        if (src.Query is { } query)
        {
            sb.Append('?').Append(query);
        }

        return sb.ToString();
    }

    /// <summary>
    /// The format node: the image format on top of the storage node, and the link to the
    /// backing image (or <c>null</c> when the chain ends, to stop QEMU from probing one;
    /// nothing when the chain below is not described).
    /// </summary>
    public static QemuProps Format(BlockImage image, BlockImage? backing)
    {
        var src = image.Source;
        var props = new QemuProps()
            .Str("node-name", image.FormatNode)
            .Bool("read-only", image.ReadOnly)
            .Str("discard", image.Discard)
            .Str("detect-zeroes", image.DetectZeroes)
            .Obj("cache", CacheProps(image.Cache));

        var format = src.Format ?? "raw";
        var supportsBacking = format is "qcow" or "qcow2" or "qed" or "vmdk" or "cow" or "vhd" or "vpc" or "vdi" or "ploop" or "bochs" or "cloop" or "dmg";
        switch (format)
        {
            case "raw" or "fat":
                if (src.Encryption is { Engine: "qemu", Format: "luks" } && EncryptionSecret(src) is not null)
                {
                    props.Str("driver", "luks").Str("key-secret", image.EncryptionSecretAlias(0));
                }
                else
                {
                    props.Str("driver", "raw");
                }

                if (!NeedsSliceLayer(src) && StorageSlice(src) is { } slice)
                {
                    props.UNum("offset", slice.Offset).UNum("size", slice.Size);
                }

                break;
            case "qcow2" or "qcow":
                props.Str("driver", format);
                if (src.Encryption is { Engine: "qemu" } enc && EncryptionSecret(src) is not null)
                {
                    props.Obj("encrypt", new QemuProps().Str("format", enc.Format == "qcow" ? "aes" : "luks").Str("key-secret", image.EncryptionSecretAlias(0)));
                }

                if (format == "qcow2" && src.MetadataCacheMaxSize is > 0)
                {
                    props.UNum("cache-size", src.MetadataCacheMaxSize);
                }

                break;
            case "ploop":
                props.Str("driver", "parallels");
                break;
            case "vhd":
                props.Str("driver", "vhdx");
                break;
            case "bochs" or "cloop" or "dmg" or "vdi" or "vpc" or "qed" or "vmdk":
                props.Str("driver", format);
                break;
            default:
                throw DomainConfigException.Internal($"mishandled storage format '{format}'");
        }

        props.Str("file", NeedsSliceLayer(src) ? SliceNode(image) : image.StorageNode);
        if (src.BackingStore is not null)
        {
            if (supportsBacking)
            {
                if (backing is not null)
                {
                    props.Str("backing", backing.FormatNode);
                }
                else
                {
                    props.Null("backing");
                }
            }
            else if (backing is not null)
            {
                throw DomainConfigException.Internal($"storage format '{format}' does not support backing store");
            }
        }

        return props;
    }

    /// <summary>The slice of the storage the image lives in (<c>&lt;slice type='storage'&gt;</c>), if any.</summary>
    private static StorageSlice? StorageSlice(StorageSource src) => src.Slices.FirstOrDefault(s => s.Type == "storage");

    /// <summary>
    /// A raw image without encryption takes its slice as offset/size; any other format needs a
    /// raw slice node between it and the storage.
    /// </summary>
    private static bool NeedsSliceLayer(StorageSource src) =>
        StorageSlice(src) is not null && ((src.Format ?? "raw") != "raw" || src.Encryption is { Engine: "qemu", Format: "luks" });

    /// <summary>Node name of an image's storage slice layer.</summary>
    public static string SliceNode(BlockImage image) => image.StorageNode[..^"-storage".Length] + "-slice-sto";

    /// <summary>The raw slice node over the storage node, when the image needs one.</summary>
    public static QemuProps? SliceLayer(BlockImage image)
    {
        if (!NeedsSliceLayer(image.Source) || StorageSlice(image.Source) is not { } slice)
        {
            return null;
        }

        return new QemuProps()
            .Str("driver", "raw")
            .Str("node-name", SliceNode(image))
            .UNum("offset", slice.Offset)
            .UNum("size", slice.Size)
            .Str("file", image.StorageNode)
            .Bool("auto-read-only", true)
            .Str("discard", "unmap")
            .Obj("cache", CacheProps(image.Cache));
    }

    private static EncryptionSecret? EncryptionSecret(StorageSource src) =>
        src.Encryption is { Secrets.IsDefaultOrEmpty: false } enc ? enc.Secrets[0] : null;
}
