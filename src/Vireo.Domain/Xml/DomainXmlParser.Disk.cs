using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Disk parsing: the drive, its source, backing chain, mirror and tunables.</summary>
public static partial class DomainXmlParser
{
    private static readonly string[] DiskBuses = ["ide", "fdc", "scsi", "virtio", "xen", "usb", "uml", "sata", "sd", "none"];

    private static readonly string[] NetworkProtocols = ["nbd", "rbd", "sheepdog", "gluster", "iscsi", "http", "https", "ftp", "ftps", "tftp", "ssh", "vxhs", "nfs"];

    private static readonly string[] StorageFormats =
    [
        "none", "raw", "dir", "bochs", "cloop", "dmg", "iso", "vpc", "vdi", "fat", "vhd", "ploop", "cow", "qcow", "qcow2", "qed", "vmdk",
    ];

    private static readonly string[] IotuneOrder =
    [
        "total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec", "write_iops_sec",
        "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max", "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max",
        "size_iops_sec", "group_name",
        "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
        "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length",
    ];

    private static readonly string[] DiskKnownChildren =
    [
        .. InfoChildren, "driver", "source", "target", "readonly", "shareable", "transient", "serial", "wwn", "vendor", "product",
        "backingStore", "mirror", "auth", "encryption", "iotune", "geometry", "blockio",
    ];

    private static DiskDevice ParseDisk(XElement el, DomainParseOptions options)
    {
        var type = Enum(el, "type", DiskTypes) ?? "file";
        var device = Enum(el, "device", DiskDevices) ?? "disk";
        var driver = el.Element("driver");
        var sourceEl = el.Element("source");
        var target = el.Element("target") ?? throw Error(el, "missing target information for device " + (sourceEl is null ? "" : (string?)sourceEl.Attribute("file") ?? (string?)sourceEl.Attribute("dev") ?? (string?)sourceEl.Attribute("dir") ?? (string?)sourceEl.Attribute("name") ?? ""));

        var src = new StorageSource { Type = type };
        if (sourceEl is not null)
        {
            src = ParseStorageSource(sourceEl, src, options);
            src = src with
            {
                StartupPolicy = Enum(sourceEl, "startupPolicy", ["mandatory", "requisite", "optional"]),
                Index = options.Inactive ? null : UInt(sourceEl, "index"),
            };
        }

        if (el.Element("auth") is { } auth)
        {
            if (src.Auth is not null)
            {
                throw new DomainConfigException(ErrorKind.ConfigUnsupported, "an <auth> definition already found for disk source");
            }

            src = src with { Auth = ParseStorageAuth(auth), AuthOnDisk = true };
        }

        if (el.Element("encryption") is { } enc)
        {
            if (src.Encryption is not null)
            {
                throw new DomainConfigException(ErrorKind.ConfigUnsupported, "an <encryption> definition already found for disk source");
            }

            src = src with { Encryption = ParseEncryption(enc), EncryptionOnDisk = true };
        }

        var opts = new DiskDriverOptions();
        string? driverName = null;
        if (driver is not null)
        {
            driverName = Attr(driver, "name");
            var format = Attr(driver, "type");
            if (format is not null)
            {
                src = src with { Format = format == "aio" ? "raw" : format };
            }

            opts = new DiskDriverOptions
            {
                Cache = Enum(driver, "cache", ["default", "none", "writethrough", "writeback", "directsync", "unsafe"]),
                ErrorPolicy = Enum(driver, "error_policy", ["default", "stop", "report", "ignore", "enospace"]),
                RerrorPolicy = Enum(driver, "rerror_policy", ["default", "stop", "report", "ignore"]),
                Io = Enum(driver, "io", ["default", "threads", "native", "io_uring"]),
                Ioeventfd = OnOff(driver, "ioeventfd"),
                EventIdx = OnOff(driver, "event_idx"),
                CopyOnRead = OnOff(driver, "copy_on_read"),
                Discard = Enum(driver, "discard", ["default", "unmap", "ignore"]),
                Iothread = UIntAttr(driver, "iothread"),
                DetectZeroes = Enum(driver, "detect_zeroes", ["default", "off", "on", "unmap"]),
                Queues = UIntAttr(driver, "queues"),
                QueueSize = UIntAttr(driver, "queue_size"),
                Virtio = ParseVirtio(driver),
            };
            opts = opts with
            {
                Cache = opts.Cache == "default" ? null : opts.Cache,
                ErrorPolicy = opts.ErrorPolicy == "default" ? null : opts.ErrorPolicy,
                RerrorPolicy = opts.RerrorPolicy == "default" ? null : opts.RerrorPolicy,
                Io = opts.Io == "default" ? null : opts.Io,
                Discard = opts.Discard == "default" ? null : opts.Discard,
                DetectZeroes = opts.DetectZeroes == "default" ? null : opts.DetectZeroes,
            };
            if (driver.Element("metadata_cache")?.Element("max_size") is { } maxSize)
            {
                src = src with { MetadataCacheMaxSize = ScaledBytes(maxSize) };
            }
        }

        DiskMirror? mirror = null;
        if (el.Element("mirror") is { } mirrorEl && !options.Inactive)
        {
            mirror = ParseMirror(mirrorEl, options);
        }

        var geometry = el.Element("geometry") is { } g
            ? new DiskGeometry
            {
                Cylinders = UIntAttr(g, "cyls") ?? 0,
                Heads = UIntAttr(g, "heads") ?? 0,
                Sectors = UIntAttr(g, "secs") ?? 0,
                Trans = Enum(g, "trans", ["default", "none", "auto", "lba"]) is { } t && t != "default" ? t : null,
            }
            : null;

        var blockio = el.Element("blockio");
        var transient = el.Element("transient");
        src = ParseBackingStore(el, src, options);

        return new DiskDevice
        {
            Source = src,
            Device = device,
            Model = Enum(el, "model", ["virtio", "virtio-transitional", "virtio-non-transitional"]),
            Snapshot = Enum(el, "snapshot", ["no", "internal", "external", "manual"]),
            Sgio = Enum(el, "sgio", ["filtered", "unfiltered"]),
            Rawio = YesNo(el, "rawio") is { } raw ? (raw ? "yes" : "no") : null,
            DriverName = driverName,
            Driver = opts,
            Mirror = mirror,
            TargetDev = Attr(target, "dev") ?? throw Error(target, "missing target dev"),
            TargetBus = Enum(target, "bus", DiskBuses),
            TargetTray = Enum(target, "tray", ["closed", "open"]) is { } tray && tray != "closed" ? tray : null,
            TargetRemovable = OnOff(target, "removable"),
            TargetRotationRate = UIntAttr(target, "rotation_rate"),
            Geometry = geometry,
            LogicalBlockSize = blockio is null ? null : UIntAttr(blockio, "logical_block_size"),
            PhysicalBlockSize = blockio is null ? null : UIntAttr(blockio, "physical_block_size"),
            Iotune = el.Element("iotune") is { } iotune ? ParseIotune(iotune) : [],
            ReadOnly = el.Element("readonly") is not null,
            Shareable = el.Element("shareable") is not null,
            Transient = transient is not null,
            TransientShareBacking = transient is null ? null : YesNo(transient, "shareBacking") is { } sb ? (sb ? "yes" : "no") : null,
            Serial = el.Element("serial")?.Value,
            Wwn = el.Element("wwn")?.Value,
            Vendor = el.Element("vendor")?.Value,
            Product = el.Element("product")?.Value,
            Extras = Others(el, DiskKnownChildren),
        };
    }

    private static uint? UIntAttr(XElement e, string name)
    {
        var s = Attr(e, name);
        if (s is null)
        {
            return null;
        }

        if (TryParseULong(s, out var v) && v <= uint.MaxValue)
        {
            return (uint)v;
        }

        throw Error(e, $"Invalid value for attribute '{name}' in element '{e.Name.LocalName}': '{s}'. Expected non-negative integer value");
    }

    private static ulong ScaledBytes(XElement e)
    {
        var text = e.Value.Trim();
        var unit = Attr(e, "unit");
        if (!TryParseULong(text, out var value))
        {
            throw Error(e, $"invalid value '{text}' for element '{e.Name.LocalName}': expected a non-negative integer");
        }

        ulong factor = (unit ?? "bytes") switch
        {
            "b" or "byte" or "bytes" => 1,
            "KB" => 1000,
            "k" or "K" or "KiB" or "kiB" => 1024,
            "MB" => 1000UL * 1000,
            "m" or "M" or "MiB" => 1024UL * 1024,
            "GB" => 1000UL * 1000 * 1000,
            "g" or "G" or "GiB" => 1024UL * 1024 * 1024,
            "TB" => 1000UL * 1000 * 1000 * 1000,
            "t" or "T" or "TiB" => 1024UL * 1024 * 1024 * 1024,
            var u => throw Error(e, $"unknown suffix '{u}'"),
        };
        return checked(value * factor);
    }

    /// <summary>Parses the type-specific part of a &lt;source&gt; (libvirt's virDomainStorageSourceParse).</summary>
    private static StorageSource ParseStorageSource(XElement el, StorageSource src, DomainParseOptions options)
    {
        switch (src.Type)
        {
            case "file":
                src = src with { Path = NonEmpty(Attr(el, "file")), FdGroup = Attr(el, "fdgroup") };
                break;
            case "block":
                src = src with { Path = NonEmpty(Attr(el, "dev")) };
                break;
            case "dir":
                src = src with { Path = NonEmpty(Attr(el, "dir")) };
                break;
            case "network":
                src = ParseNetworkSource(el, src);
                break;
            case "volume":
                src = src with
                {
                    Pool = Attr(el, "pool"),
                    PoolVolume = Attr(el, "volume"),
                    PoolMode = Enum(el, "mode", ["host", "direct"]),
                };
                if (src.Pool is null != (src.PoolVolume is null))
                {
                    throw new DomainXmlException("'pool' and 'volume' must be specified together for 'pool' type source");
                }

                break;
            case "nvme":
                src = src with { Nvme = ParseNvme(el) };
                break;
            case "vhostuser":
                src = src with
                {
                    VhostUserPath = Attr(el, "path"),
                    VhostUserMode = Attr(el, "mode"),
                    VhostUserReconnect = el.Element("reconnect") is { } rc ? Clean(rc) : null,
                };
                break;
            default:
                break;
        }

        if (el.Element("auth") is { } auth)
        {
            src = src with { Auth = ParseStorageAuth(auth) };
        }

        if (el.Element("encryption") is { } enc)
        {
            src = src with { Encryption = ParseEncryption(enc) };
        }

        if (el.Element("reservations") is { } pr)
        {
            var prSource = pr.Element("source");
            src = src with
            {
                Reservations = new StorageReservations
                {
                    Managed = YesNo(pr, "managed") is { } m ? (m ? "yes" : "no") : throw Error(pr, "missing managed attribute for <reservations/>"),
                    SourceType = prSource is null ? null : Attr(prSource, "type"),
                    SourcePath = prSource is null ? null : Attr(prSource, "path"),
                    SourceMode = prSource is null ? null : Attr(prSource, "mode"),
                },
            };
        }

        if (el.Element("slices") is { } slices)
        {
            src = src with
            {
                Slices = [.. slices.Elements("slice").Select(s => new StorageSlice(
                    RequireAttr(s, "type"),
                    ULong(s, "offset") ?? throw Error(s, "missing offset in slice"),
                    ULong(s, "size") ?? throw Error(s, "missing size in slice")))],
            };
        }

        return src with { Seclabels = [.. el.Elements("seclabel").Select(e => ParseDeviceSeclabel(e, options))] };
    }

    /// <summary>A per-device &lt;seclabel&gt; (virSecurityDeviceLabelDefParseXML); labelskip is live-only.</summary>
    private static DeviceSeclabel ParseDeviceSeclabel(XElement el, DomainParseOptions options)
    {
        var relabel = true;
        if (Attr(el, "relabel") is { } r)
        {
            relabel = r switch
            {
                "yes" => true,
                "no" => false,
                _ => throw Error(el, $"invalid security relabel value {r}"),
            };
        }

        var label = el.Element("label")?.Value;
        if (label is not null && !relabel)
        {
            throw Error(el, $"Cannot specify a label if relabelling is turned off. model={Attr(el, "model") ?? "<null>"}");
        }

        return new DeviceSeclabel
        {
            Model = Attr(el, "model"),
            Relabel = relabel,
            LabelSkip = !options.Inactive && Attr(el, "labelskip") == "yes",
            Label = label,
        };
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static StorageSource ParseNetworkSource(XElement el, StorageSource src)
    {
        var protocol = Attr(el, "protocol") ?? throw Error(el, "missing network source protocol type");
        if (Array.IndexOf(NetworkProtocols, protocol) < 0)
        {
            throw Error(el, $"unknown protocol type '{protocol}'");
        }

        var name = Attr(el, "name");
        if (name is null && protocol is not ("nbd" or "gluster"))
        {
            throw Error(el, "missing name for disk source");
        }

        string? volume = null;
        if (name is not null && protocol is "gluster" or "rbd")
        {
            var slash = name.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                throw Error(el, $"can't split path '{name}' into pool name and image name");
            }

            volume = name[..slash];
            name = name[(slash + 1)..];
        }

        var hosts = ImmutableArray.CreateBuilder<StorageHost>();
        foreach (var h in el.Elements("host"))
        {
            // tcp is the default transport and is not written back.
            var transport = Enum(h, "transport", ["tcp", "unix", "rdma"]) is { } tr && tr != "tcp" ? tr : null;
            var host = new StorageHost
            {
                Name = Attr(h, "name"),
                Port = Attr(h, "port"),
                Transport = transport,
                Socket = Attr(h, "socket"),
            };
            if (transport == "unix" && host.Socket is null)
            {
                throw Error(h, "missing socket for unix transport");
            }

            if (transport != "unix" && host.Socket is not null)
            {
                throw Error(h, $"transport '{transport ?? "tcp"}' does not support socket attribute");
            }

            if (transport != "unix" && host.Name is null)
            {
                throw Error(h, "missing name for host");
            }

            hosts.Add(host);
        }

        var cookies = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var c in el.Element("cookies")?.Elements("cookie") ?? [])
        {
            cookies.Add(new(RequireAttr(c, "name"), c.Value));
        }

        var identity = el.Element("identity");
        return src with
        {
            Protocol = protocol,
            Path = name,
            Volume = volume,
            Query = protocol is "http" or "https" ? Attr(el, "query") : null,
            Tls = YesNo(el, "tls") is { } tls ? (tls ? "yes" : "no") : null,
            TlsHostname = Attr(el, "tlsHostname"),
            Hosts = AssignDefaultPorts(protocol, hosts.ToImmutable()),
            Snapshot = (string?)el.Element("snapshot")?.Attribute("name"),
            ConfigFile = (string?)el.Element("config")?.Attribute("file"),
            InitiatorIqn = (string?)el.Element("initiator")?.Element("iqn")?.Attribute("name"),
            SslVerify = protocol is "https" or "ftps" && el.Element("ssl") is { } ssl ? (YesNo(ssl, "verify") is { } v ? (v ? "yes" : "no") : null) : null,
            Cookies = protocol is "http" or "https" ? cookies.ToImmutable() : [],
            Readahead = el.Element("readahead") is { } ra ? ULong(ra, "size") : null,
            Timeout = el.Element("timeout") is { } to ? ULong(to, "seconds") : null,
            IdentityUser = identity is null ? null : Attr(identity, "user"),
            IdentityGroup = identity is null ? null : Attr(identity, "group"),
            ReconnectDelay = el.Element("reconnect") is { } rc ? UIntAttr(rc, "delay") : null,
        };
    }

    /// <summary>Fills each host's port with the protocol's well-known one (virStorageSourceNetworkAssignDefaultPorts).</summary>
    private static ImmutableArray<StorageHost> AssignDefaultPorts(string protocol, ImmutableArray<StorageHost> hosts)
    {
        var port = protocol switch
        {
            "http" => "80",
            "https" => "443",
            "ftp" => "21",
            "ftps" => "990",
            "tftp" => "69",
            "sheepdog" => "7000",
            "nbd" => "10809",
            "ssh" => "22",
            "iscsi" => "3260",
            "gluster" => "24007",
            "rbd" => null,
            "vxhs" => "9999",
            "nfs" => null,
            _ => null,
        };
        if (port is null)
        {
            return hosts;
        }

        return [.. hosts.Select(h => h.Transport is null or "tcp" && h.Port is null or "0" ? h with { Port = port } : h)];
    }

    private static StorageAuth ParseStorageAuth(XElement el)
    {
        var username = Attr(el, "username") ?? throw Error(el, "missing username for auth");
        var secret = el.Element("secret") ?? throw Error(el, "Missing <secret> element in auth");
        var type = Attr(secret, "type");
        if (type is not ("iscsi" or "ceph"))
        {
            throw DomainConfigException.Unsupported($"unknown secret type '{type ?? "<null>"}'");
        }

        var uuid = Attr(secret, "uuid");
        var usage = Attr(secret, "usage");
        if (uuid is not null && usage is not null)
        {
            throw Error(secret, "either secret uuid or usage expected");
        }

        if (uuid is null && usage is null)
        {
            throw Error(secret, "either secret uuid or usage expected");
        }

        return new StorageAuth { Username = username, SecretType = type, SecretUuid = uuid, SecretUsage = usage };
    }

    private static StorageEncryption ParseEncryption(XElement el)
    {
        var format = Enum(el, "format", ["default", "qcow", "luks", "luks2", "luks-any"]) ?? throw Error(el, "unknown volume encryption format type (null)");
        var secrets = ImmutableArray.CreateBuilder<EncryptionSecret>();
        foreach (var s in el.Elements("secret"))
        {
            var type = Attr(s, "type") ?? throw Error(s, "unknown volume encryption secret type (null)");
            if (type != "passphrase")
            {
                throw Error(s, $"unknown volume encryption secret type {type}");
            }

            secrets.Add(new EncryptionSecret { Type = type, Uuid = Attr(s, "uuid"), Usage = Attr(s, "usage") });
        }

        return new StorageEncryption
        {
            Format = format,
            Engine = Enum(el, "engine", ["default", "qemu", "librbd"]) is { } e && e != "default" ? e : null,
            Secrets = secrets.ToImmutable(),
            Extras = [.. el.Elements().Where(c => c.Name.LocalName != "secret").Select(Clean)],
        };
    }

    private static NvmeSource ParseNvme(XElement el)
    {
        var type = Attr(el, "type") ?? throw Error(el, "missing 'type' attribute to disk source");
        if (type != "pci")
        {
            throw Error(el, $"unsupported source type '{type}'");
        }

        var ns = Attr(el, "namespace") ?? throw Error(el, "missing 'namespace' attribute to disk source");
        if (!ulong.TryParse(ns, NumberStyles.None, CultureInfo.InvariantCulture, out var nsId))
        {
            throw Error(el, $"malformed namespace '{ns}'");
        }

        var a = el.Element("address");
        var addr = a is null ? null : new PciAddress(Int(a, "domain") ?? 0, Int(a, "bus") ?? 0, Int(a, "slot") ?? 0, Int(a, "function") ?? 0);
        return new NvmeSource
        {
            Type = type,
            Managed = YesNo(el, "managed") is { } m ? (m ? "yes" : "no") : null,
            Namespace = nsId,
            Address = addr ?? throw Error(el, "NVMe disk source is missing address"),
        };
    }

    /// <summary>The &lt;backingStore&gt; chain under <paramref name="parent"/> (virDomainDiskBackingStoreParse).</summary>
    private static StorageSource ParseBackingStore(XElement parent, StorageSource src, DomainParseOptions options)
    {
        var bs = parent.Element("backingStore");
        if (bs is null)
        {
            return src;
        }

        var type = Attr(bs, "type");
        if (type is null)
        {
            return src with { BackingStore = new StorageSource { Type = "none" } };
        }

        if (Array.IndexOf(DiskTypes, type) < 0)
        {
            throw Error(bs, $"unknown storage source type '{type}'");
        }

        var formatEl = bs.Element("format");
        var format = formatEl is null ? null : Attr(formatEl, "type");
        if (format is null)
        {
            throw Error(bs, "missing disk backing store format");
        }

        var sourceEl = bs.Element("source") ?? throw Error(bs, "missing disk backing store source");
        var backing = new StorageSource
        {
            Type = type,
            Format = format,
            Index = options.Inactive ? null : UInt(bs, "index"),
            MetadataCacheMaxSize = formatEl?.Element("metadata_cache")?.Element("max_size") is { } ms ? ScaledBytes(ms) : null,
        };
        backing = ParseStorageSource(sourceEl, backing, options);
        backing = ParseBackingStore(bs, backing, options);
        return src with { BackingStore = backing };
    }

    private static DiskMirror ParseMirror(XElement el, DomainParseOptions options)
    {
        var type = Attr(el, "type");
        var src = new StorageSource { Type = type ?? "file" };
        string? format;
        if (type is not null)
        {
            if (Array.IndexOf(DiskTypes, type) < 0)
            {
                throw Error(el, $"unknown mirror backing store type '{type}'");
            }

            var s = el.Element("source") ?? throw Error(el, "mirror requires source element");
            src = ParseStorageSource(s, src, options);
            src = src with { Index = options.Inactive ? null : UInt(s, "index") };
            var formatEl = el.Element("format");
            format = formatEl is null ? null : Attr(formatEl, "type");
            if (formatEl?.Element("metadata_cache")?.Element("max_size") is { } ms)
            {
                src = src with { MetadataCacheMaxSize = ScaledBytes(ms) };
            }
        }
        else
        {
            // Old style: <mirror file='...' format='...'/>.
            src = src with { Type = "file", Path = Attr(el, "file") };
            format = Attr(el, "format");
        }

        src = ParseBackingStore(el, src with { Format = format }, options);
        return new DiskMirror
        {
            Source = src,
            Job = Attr(el, "job") ?? "copy",
            Ready = Attr(el, "ready") is { } r ? (r == "yes" ? "yes" : r) : null,
        };
    }

    private static ImmutableArray<KeyValuePair<string, string>> ParseIotune(XElement el)
    {
        var b = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var c in el.Elements())
        {
            var name = c.Name.LocalName;
            if (Array.IndexOf(IotuneOrder, name) < 0)
            {
                continue;
            }

            var value = c.Value.Trim();
            if (name != "group_name" && !TryParseULong(value, out _))
            {
                throw Error(c, $"disk iotune field '{name}' must be an integer");
            }

            b.Add(new(name, value));
        }

        return b.ToImmutable();
    }
}
