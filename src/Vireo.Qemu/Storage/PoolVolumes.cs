using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.Storage;

/// <summary>
/// Resolves <c>type='volume'</c> sources into what QEMU opens: a local file, block device
/// or directory, or — for iSCSI pools in direct mode — the iSCSI LUN itself
/// (libvirt's virDomainDiskTranslateSourcePool).
/// </summary>
internal static class PoolVolumes
{
    /// <summary>The chain with every pool volume resolved.</summary>
    public static StorageSource Translate(StorageSource src, IStorageLookup? storage)
    {
        if (!src.IsBacking)
        {
            return src;
        }

        var translated = src.Type == "volume" && src.Pool is not null ? TranslateOne(src, storage) : src;
        return translated.BackingStore is { } backing ? translated with { BackingStore = Translate(backing, storage) } : translated;
    }

    private static StorageSource TranslateOne(StorageSource src, IStorageLookup? storage)
    {
        var poolName = src.Pool!;
        var volumeName = src.PoolVolume ?? "";
        if (storage is null)
        {
            throw new DomainConfigException(ErrorKind.OperationFailed, $"storage pool '{poolName}' is not available: no storage driver");
        }

        var pool = storage.Pool(poolName);
        if (!pool.Active)
        {
            throw DomainConfigException.Unsupported($"storage pool '{poolName}' containing volume '{volumeName}' is not active");
        }

        var volume = storage.Volume(poolName, volumeName);
        if (src.PoolMode is not null && pool.Type != "iscsi")
        {
            throw DomainConfigException.Xml("disk source mode is only valid when storage pool is of iscsi type");
        }

        // The pool, not the disk, decides how to reach the volume: the disk's own host and auth go.
        var cleared = src with { Path = null, Hosts = [], Auth = null, AuthOnDisk = false };
        switch (pool.Type)
        {
            case "dir" or "fs" or "netfs" or "logical" or "disk" or "scsi" or "zfs" or "vstorage":
                return cleared with { Type = LocalType(volume, pool), Path = volume.Path };
            case "iscsi-direct":
                return IscsiDirect(cleared, pool, volumeName);
            case "iscsi":
                return src.PoolMode == "direct"
                    ? IscsiDirect(cleared, pool, volumeName)
                    : cleared with { Type = "block", Path = volume.Path };
            default:
                throw DomainConfigException.Unsupported($"using '{pool.Type}' pools for backing 'volume' disks isn't yet supported");
        }
    }

    private static string LocalType(StorageVolumeInfo volume, StoragePoolInfo pool) => volume.Type switch
    {
        "file" or "ploop" => "file",
        "dir" => "dir",
        "block" => "block",
        _ => throw DomainConfigException.Internal($"unexpected storage volume type '{volume.Type}' for storage pool type '{pool.Type}'"),
    };

    /// <summary>An iSCSI LUN reached directly: the pool's host and target, the LUN from the volume name (unit:0:0:LUN).</summary>
    private static StorageSource IscsiDirect(StorageSource src, StoragePoolInfo pool, string volumeName)
    {
        if (pool.Hosts.Length != 1)
        {
            throw DomainConfigException.Xml("Expected exactly 1 host for the storage pool");
        }

        var tokens = volumeName.Split(':');
        if (tokens.Length != 4)
        {
            throw DomainConfigException.Internal($"unexpected iscsi volume name '{volumeName}'");
        }

        var host = pool.Hosts[0];
        var auth = pool.Auth is { SecretType: null } a ? a with { SecretType = "iscsi" } : pool.Auth;
        return src with
        {
            Type = "network",
            Protocol = "iscsi",
            Hosts = [new StorageHost { Name = host.Name, Port = host.Port is null or "0" ? "3260" : host.Port }],
            Path = (pool.DevicePaths.IsDefaultOrEmpty ? "" : pool.DevicePaths[0]) + "/" + tokens[3],
            Auth = auth,
            InitiatorIqn = src.InitiatorIqn ?? pool.InitiatorIqn,
        };
    }

    /// <summary>The default format of a pool volume: fat for directories, raw otherwise.</summary>
    public static string DefaultFormat(StorageSource translated) =>
        translated.Type == "dir" ? "fat" : "raw";
}
