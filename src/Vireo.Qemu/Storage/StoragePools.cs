using System.Collections.Immutable;
using Vireo.Domain.Devices;

namespace Vireo.Qemu.Storage;

/// <summary>What the storage driver knows about a pool that backs <c>type='volume'</c> disks.</summary>
public sealed record StoragePoolInfo
{
    /// <summary>dir, fs, netfs, logical, disk, iscsi, iscsi-direct, scsi, mpath, rbd, sheepdog, gluster, zfs, vstorage.</summary>
    public required string Type { get; init; }

    public bool Active { get; init; } = true;

    /// <summary>Source hosts (name, port; port null = protocol default).</summary>
    public ImmutableArray<StorageHost> Hosts { get; init; } = [];

    /// <summary>Source device paths (for iSCSI: the target IQN).</summary>
    public ImmutableArray<string> DevicePaths { get; init; } = [];

    public string? InitiatorIqn { get; init; }

    public StorageAuth? Auth { get; init; }
}

/// <summary>What the storage driver knows about one volume of a pool.</summary>
public sealed record StorageVolumeInfo
{
    /// <summary>file, block, dir, network, netdir, ploop.</summary>
    public required string Type { get; init; }

    /// <summary>Local path of the volume.</summary>
    public string? Path { get; init; }
}

/// <summary>The storage driver as the command line needs it: pools and their volumes by name.</summary>
public interface IStorageLookup
{
    /// <summary>The pool, or an exception when there is none by that name.</summary>
    StoragePoolInfo Pool(string name);

    /// <summary>A volume of a pool, or an exception when there is none by that name.</summary>
    StorageVolumeInfo Volume(string pool, string name);
}
