using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>
/// Rules on every image of a disk's chain (libvirt's qemuDomainValidateStorageSource): formats
/// QEMU cannot open directly, protocol-specific options on the wrong protocol, encryption setups.
/// </summary>
internal static class StorageSourceRules
{
    /// <summary>Checks each image of the disk's chain, top first.</summary>
    public static void Check(DiskDevice disk, PlatformContext p)
    {
        foreach (var src in disk.Source.Chain())
        {
            // Pool volumes are resolved at start time; their real type is not known yet.
            if (src.Type == "volume")
            {
                continue;
            }

            var readOnly = src == disk.Source ? disk.ReadOnly : true;
            CheckImage(src, readOnly, p);
        }
    }

    private static void CheckImage(StorageSource src, bool readOnly, PlatformContext p)
    {
        var format = src.Format;
        switch (format)
        {
            case "cow":
                throw Unsupported("'cow' storage format is not supported");
            case "dir":
                throw Unsupported("'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead");
            case "iso":
                throw Unsupported("storage format 'iso' is not directly supported by QEMU, use 'raw' instead");
            default:
                break;
        }

        if (format is "qcow" or "qcow2" && src.Encryption is { Format: "default" or "qcow" })
        {
            throw Unsupported("old qcow/qcow2 encryption is not supported");
        }

        if (format == "fat" && src.Type != "dir")
        {
            throw Unsupported("storage format 'fat' is supported only with 'dir' storage type");
        }

        if (src.Type == "dir")
        {
            if (format is not null and not "fat" and not "none")
            {
                throw Unsupported("storage type 'dir' requires use of storage format 'fat'");
            }

            if (!readOnly)
            {
                throw Unsupported("virtual FAT storage can't be accessed in read-write mode");
            }
        }

        if (src.Reservations is not null && KnowsCaps(p) && !p.Has("pr-manager-helper"))
        {
            throw Unsupported("reservations not supported with this QEMU binary");
        }

        var network = src.Type == "network";
        if (src.SslVerify is not null && !(network && src.Protocol is "https" or "ftps"))
        {
            throw Unsupported("ssl verification is supported only with HTTPS/FTPS protocol");
        }

        if (!src.Cookies.IsDefaultOrEmpty && !(network && src.Protocol is "http" or "https"))
        {
            throw Unsupported("http cookies are supported only with HTTP(S) protocol");
        }

        if (src.Readahead is not null && !(network && src.Protocol is "http" or "https" or "ftp" or "ftps"))
        {
            throw Unsupported("readahead is supported only with HTTP(S)/FTP(s) protocols");
        }

        if (src.Timeout is not null && !(network && src.Protocol is "http" or "https" or "ftp" or "ftps"))
        {
            throw Unsupported("timeout is supported only with HTTP(S)/FTP(s) protocols");
        }

        if (src.Query is not null && !(network && src.Protocol is "http" or "https"))
        {
            throw Unsupported("query is supported only with HTTP(S) protocols");
        }

        if (network && src.Protocol == "tftp")
        {
            throw Unsupported("'tftp' protocol is not supported with this QEMU binary");
        }

        if (network && src.Protocol == "nfs")
        {
            if (src.Hosts.Length != 1)
            {
                throw Unsupported("NFS protocol requires one host");
            }

            if (src.Hosts[0].Transport is not null)
            {
                throw Unsupported("only TCP transport is supported for NFS protocol");
            }

            if (src.Hosts[0].Port is not null and not "0")
            {
                throw Unsupported("port cannot be specified in 'nfs' protocol host");
            }
        }

        if (src.MetadataCacheMaxSize is > 0 && format != "qcow2")
        {
            throw Unsupported("metadata cache max size control is supported only with qcow2 images");
        }

        if (src.Encryption is { Engine: "qemu" or null } enc && enc.Format is "luks2" or "luks-any")
        {
            throw Unsupported($"'{enc.Format}' is currently not supported by the qemu encryption engine");
        }
    }
}
