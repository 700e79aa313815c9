using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Disk formatting, in libvirt's element and attribute order (virDomainDiskDefFormat).</summary>
public static partial class DomainXmlFormatter
{
    private static readonly string[] IotuneFormatOrder =
    [
        "total_bytes_sec", "read_bytes_sec", "write_bytes_sec", "total_iops_sec", "read_iops_sec", "write_iops_sec",
        "total_bytes_sec_max", "read_bytes_sec_max", "write_bytes_sec_max", "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max",
        "size_iops_sec", "group_name",
        "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
        "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length",
    ];

    private static XElement FormatDisk(DiskDevice d, DomainFormatOptions options)
    {
        var src = d.Source;
        var el = new XElement(
            "disk",
            new XAttribute("type", d.Type),
            new XAttribute("device", d.Device),
            A("model", d.Model),
            A("rawio", d.Rawio),
            A("sgio", d.Sgio),
            A("snapshot", d.Snapshot));

        el.Add(FormatDiskDriver(d));
        if (src.Auth is not null && src.AuthOnDisk)
        {
            el.Add(FormatAuth(src.Auth));
        }

        el.Add(NonEmpty(FormatStorageSource(src, "source", d.Source.StartupPolicy, !options.Inactive, options)));
        el.Add(FormatBackingStore(src, options));
        el.Add(d.Extras.Where(e => e.Name.LocalName == "backenddomain"));
        if (d.Geometry is { } g)
        {
            el.Add(new XElement(
                "geometry",
                new XAttribute("cyls", g.Cylinders),
                new XAttribute("heads", g.Heads),
                new XAttribute("secs", g.Sectors),
                A("trans", g.Trans)));
        }

        if (d.LogicalBlockSize is not null || d.PhysicalBlockSize is not null)
        {
            el.Add(new XElement(
                "blockio",
                A("logical_block_size", d.LogicalBlockSize?.ToString(CultureInfo.InvariantCulture)),
                A("physical_block_size", d.PhysicalBlockSize?.ToString(CultureInfo.InvariantCulture))));
        }

        if (d.Mirror is { } mirror && !options.Inactive)
        {
            el.Add(FormatMirror(mirror, options));
        }

        el.Add(new XElement(
            "target",
            new XAttribute("dev", d.TargetDev!),
            A("bus", d.TargetBus),
            A("tray", d.TargetTray),
            A("removable", d.TargetRemovable),
            A("rotation_rate", d.TargetRotationRate?.ToString(CultureInfo.InvariantCulture))));

        var iotune = FormatIotune(d.Iotune);
        el.Add(iotune);
        el.Add(d.ReadOnly ? new XElement("readonly") : null);
        el.Add(d.Shareable ? new XElement("shareable") : null);
        el.Add(d.Transient ? new XElement("transient", A("shareBacking", d.TransientShareBacking)) : null);
        el.Add(d.Serial is null ? null : new XElement("serial", d.Serial));
        el.Add(d.Wwn is null ? null : new XElement("wwn", d.Wwn));
        el.Add(d.Vendor is null ? null : new XElement("vendor", d.Vendor));
        el.Add(d.Product is null ? null : new XElement("product", d.Product));
        if (src.Encryption is not null && src.EncryptionOnDisk)
        {
            el.Add(FormatEncryption(src.Encryption));
        }

        el.Add(d.Extras.Where(e => e.Name.LocalName != "backenddomain"));
        return el;
    }

    private static XElement? FormatDiskDriver(DiskDevice d)
    {
        var o = d.Driver;
        string? U(uint? v) => v?.ToString(CultureInfo.InvariantCulture);
        var drv = new XElement(
            "driver",
            A("name", d.DriverName),
            A("type", d.Source.Format),
            A("cache", o.Cache),
            A("error_policy", o.ErrorPolicy),
            A("rerror_policy", o.RerrorPolicy),
            A("io", o.Io),
            A("ioeventfd", o.Ioeventfd),
            A("event_idx", o.EventIdx),
            A("copy_on_read", o.CopyOnRead),
            A("discard", o.Discard),
            A("iothread", U(o.Iothread)),
            A("detect_zeroes", o.DetectZeroes),
            A("queues", U(o.Queues)),
            A("queue_size", U(o.QueueSize)),
            A("iommu", o.Virtio.Iommu),
            A("ats", o.Virtio.Ats),
            A("packed", o.Virtio.Packed),
            A("page_per_vq", o.Virtio.PagePerVq));
        if (d.Source.MetadataCacheMaxSize is { } max)
        {
            drv.Add(MetadataCache(max));
        }

        return drv.HasAttributes || drv.HasElements ? drv : null;
    }

    private static XElement MetadataCache(ulong bytes) =>
        new("metadata_cache", new XElement("max_size", new XAttribute("unit", "bytes"), bytes.ToString(CultureInfo.InvariantCulture)));

    private static XElement? FormatIotune(ImmutableArray<KeyValuePair<string, string>> iotune)
    {
        if (iotune.IsDefaultOrEmpty)
        {
            return null;
        }

        var el = new XElement("iotune");
        foreach (var name in IotuneFormatOrder)
        {
            foreach (var kv in iotune)
            {
                if (kv.Key == name && (name == "group_name" || kv.Value.TrimStart('0').Length > 0))
                {
                    el.Add(new XElement(name, kv.Value));
                    break;
                }
            }
        }

        return el.HasElements ? el : null;
    }

    /// <summary>A &lt;source&gt;-like element for one image (virDomainDiskSourceFormat).</summary>
    private static XElement FormatStorageSource(StorageSource src, string name, string? startupPolicy, bool withIndex, DomainFormatOptions options)
    {
        var el = new XElement(name);
        switch (src.Type)
        {
            case "file":
                el.Add(A("file", src.Path), A("fdgroup", src.FdGroup));
                break;
            case "block":
                el.Add(A("dev", src.Path));
                break;
            case "dir":
                el.Add(A("dir", src.Path));
                break;
            case "network":
                FormatNetworkSource(el, src);
                break;
            case "volume":
                el.Add(A("pool", src.Pool), A("volume", src.PoolVolume), A("mode", src.PoolMode));
                break;
            case "nvme":
                if (src.Nvme is { } nvme)
                {
                    el.Add(
                        new XAttribute("type", nvme.Type),
                        A("managed", nvme.Managed),
                        new XAttribute("namespace", nvme.Namespace.ToString(CultureInfo.InvariantCulture)));
                    if (nvme.Address is { } addr)
                    {
                        // The host controller's address carries no type attribute.
                        var ae = FormatAddress(addr with { Multifunction = null });
                        ae.Attribute("type")?.Remove();
                        el.Add(ae);
                    }
                }

                break;
            case "vhostuser":
                el.Add(new XAttribute("type", "unix"), A("path", src.VhostUserPath), A("mode", src.VhostUserMode));
                el.Add(src.VhostUserReconnect);
                break;
            default:
                break;
        }

        if (src.Type != "network")
        {
            foreach (var label in src.Seclabels)
            {
                // An inactive definition drops overrides that only asked for the default relabelling.
                if (options.Inactive && label.Label is null && label.Relabel)
                {
                    continue;
                }

                el.Add(new XElement(
                    "seclabel",
                    A("model", label.Model),
                    label.LabelSkip ? new XAttribute("labelskip", "yes") : new XAttribute("relabel", label.Relabel ? "yes" : "no"),
                    label.Label is null ? null : new XElement("label", label.Label)));
            }
        }

        if (src.Auth is not null && !src.AuthOnDisk && src.Type != "volume")
        {
            el.Add(FormatAuth(src.Auth));
        }

        if (src.Encryption is not null && !src.EncryptionOnDisk)
        {
            el.Add(FormatEncryption(src.Encryption));
        }

        if (src.Reservations is { } pr)
        {
            var prEl = new XElement("reservations", new XAttribute("managed", pr.Managed ?? "no"));
            if (pr.Managed != "yes" && (pr.SourceType is not null || pr.SourcePath is not null))
            {
                prEl.Add(new XElement("source", A("type", pr.SourceType), A("path", pr.SourcePath), A("mode", pr.SourceMode)));
            }

            el.Add(prEl);
        }

        if (startupPolicy is not null && src.Type != "network")
        {
            el.Add(new XAttribute("startupPolicy", startupPolicy));
        }

        if (withIndex && src.Index is { } idx && idx != 0)
        {
            el.Add(new XAttribute("index", idx));
        }

        if (!src.Slices.IsDefaultOrEmpty)
        {
            el.Add(new XElement(
                "slices",
                src.Slices.Select(s => new XElement("slice", new XAttribute("type", s.Type), new XAttribute("offset", s.Offset), new XAttribute("size", s.Size)))));
        }

        return el;
    }

    private static void FormatNetworkSource(XElement el, StorageSource src)
    {
        el.Add(new XAttribute("protocol", src.Protocol ?? ""));
        var name = src.Volume is not null ? src.Volume + "/" + src.Path : src.Path;
        el.Add(A("name", name), A("query", src.Query), A("tls", src.Tls), A("tlsHostname", src.TlsHostname));
        foreach (var h in src.Hosts)
        {
            el.Add(new XElement("host", A("name", h.Name), A("port", h.Port is "0" ? null : h.Port), A("transport", h.Transport), A("socket", h.Socket)));
        }

        el.Add(src.Snapshot is null ? null : new XElement("snapshot", new XAttribute("name", src.Snapshot)));
        el.Add(src.ConfigFile is null ? null : new XElement("config", new XAttribute("file", src.ConfigFile)));
        el.Add(src.InitiatorIqn is null ? null : new XElement("initiator", new XElement("iqn", new XAttribute("name", src.InitiatorIqn))));
        el.Add(src.SslVerify is null ? null : new XElement("ssl", new XAttribute("verify", src.SslVerify)));
        if (!src.Cookies.IsDefaultOrEmpty)
        {
            el.Add(new XElement("cookies", src.Cookies.Select(c => new XElement("cookie", new XAttribute("name", c.Key), c.Value))));
        }

        el.Add(src.Readahead is { } ra ? new XElement("readahead", new XAttribute("size", ra)) : null);
        el.Add(src.Timeout is { } to ? new XElement("timeout", new XAttribute("seconds", to)) : null);
        if (src.IdentityUser is not null || src.IdentityGroup is not null)
        {
            el.Add(new XElement("identity", A("user", src.IdentityUser), A("group", src.IdentityGroup)));
        }

        el.Add(src.ReconnectDelay is { } rd ? new XElement("reconnect", new XAttribute("delay", rd)) : null);
    }

    private static XElement FormatAuth(StorageAuth auth) =>
        new(
            "auth",
            A("username", auth.Username),
            new XElement("secret", A("type", auth.SecretType), A("uuid", auth.SecretUuid), A("usage", auth.SecretUsage)));

    private static XElement FormatEncryption(StorageEncryption enc)
    {
        var el = new XElement("encryption", new XAttribute("format", enc.Format), A("engine", enc.Engine));
        foreach (var s in enc.Secrets)
        {
            el.Add(new XElement("secret", new XAttribute("type", s.Type), A("uuid", s.Uuid), A("usage", s.Usage)));
        }

        el.Add(enc.Extras);
        return el;
    }

    /// <summary>The &lt;backingStore&gt; chain under an image (virDomainDiskBackingStoreFormat).</summary>
    private static XElement? FormatBackingStore(StorageSource src, DomainFormatOptions options)
    {
        var bs = src.BackingStore;
        if (bs is null)
        {
            return null;
        }

        if (bs.IsTerminator)
        {
            return new XElement("backingStore");
        }

        var el = new XElement("backingStore", new XAttribute("type", bs.Type));
        if (!options.Inactive && bs.Index is { } idx && idx != 0)
        {
            el.Add(new XAttribute("index", idx));
        }

        el.Add(FormatFormat(bs.Format ?? "raw", bs.MetadataCacheMaxSize));
        el.Add(NonEmpty(FormatStorageSource(bs, "source", null, false, options)));
        el.Add(FormatBackingStore(bs, options));
        return el;
    }

    private static XElement FormatFormat(string format, ulong? metadataCache)
    {
        var el = new XElement("format", new XAttribute("type", format));
        if (metadataCache is { } max)
        {
            el.Add(MetadataCache(max));
        }

        return el;
    }

    private static XElement FormatMirror(DiskMirror m, DomainFormatOptions options)
    {
        var src = m.Source;
        var el = new XElement("mirror", new XAttribute("type", src.Type));
        if (src.Type == "file" && m.Job == "copy")
        {
            el.Add(A("file", src.Path), A("format", src.Format));
        }

        el.Add(new XAttribute("job", m.Job), A("ready", m.Ready));
        if (src.Format is not null)
        {
            el.Add(FormatFormat(src.Format, src.MetadataCacheMaxSize));
        }

        el.Add(NonEmpty(FormatStorageSource(src, "source", null, !options.Inactive, options)));
        el.Add(FormatBackingStore(src, options));
        return el;
    }

    /// <summary>libvirt leaves out elements with neither attributes nor children.</summary>
    private static XElement? NonEmpty(XElement el) => el.HasAttributes || el.HasElements ? el : null;
}
