using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.Preparation;

/// <summary>Disk defaults: bus, driver, format, read-only media, network defaults, drive addresses.</summary>
public static partial class DomainPreparer
{
    private static DiskDevice DiskDefaultsFor(DiskDevice d, PlatformContext p)
    {
        _ = p;
        var bus = d.TargetBus ?? DefaultDiskBus(d);
        var src = d.Source;

        // The storage format defaults to raw, except for pool volumes whose format comes from the pool.
        if (src.Format is null && src.Type != "volume")
        {
            src = src with { Format = "raw" };
        }

        // An iSCSI target without a LUN means LUN 0.
        if (src.Type == "network" && src.Protocol == "iscsi" && src.Path is { } path && !path.Contains('/', StringComparison.Ordinal))
        {
            src = src with { Path = path + "/0" };
        }

        if (src.Type == "nvme" && src.Nvme is { Managed: null } nvme)
        {
            src = src with { Nvme = nvme with { Managed = "yes" } };
        }

        src = ChainDefaults(src);

        // A CD-ROM is read-only media.
        var readOnly = d.ReadOnly || d.Device == "cdrom";

        var mirror = d.Mirror;
        if (mirror is not null && mirror.Source.Format is null)
        {
            mirror = mirror with { Source = mirror.Source with { Format = "raw" } };
        }

        // vhost-user disks cannot be snapshotted.
        var snapshot = d.Snapshot ?? (src.Type == "vhostuser" ? "no" : null);

        d = d with
        {
            DriverName = d.DriverName ?? "qemu",
            TargetBus = bus,
            Source = src,
            ReadOnly = readOnly,
            Mirror = mirror,
            Snapshot = snapshot,
        };
        if (d.Info.Address is null && bus is "ide" or "sata" or "scsi" or "fdc")
        {
            var idx = DiskIndex(d.TargetDev ?? "");
            if (idx < 0)
            {
                throw DomainConfigException.Xml($"Unknown disk name '{d.TargetDev}' and no address specified");
            }

            d = (DiskDevice)d.WithAddress(DriveAddressFor(idx, bus));
        }

        return d;
    }

    /// <summary>Per-image defaults along the backing chain: the qemu encryption engine.</summary>
    private static StorageSource ChainDefaults(StorageSource src)
    {
        if (!src.IsBacking)
        {
            return src;
        }

        if (src.Encryption is { Engine: null } enc)
        {
            src = src with { Encryption = enc with { Engine = "qemu" } };
        }

        return src.BackingStore is { } backing ? src with { BackingStore = ChainDefaults(backing) } : src;
    }

    /// <summary>libvirt's bus for a disk without one: from the device kind and the target name's prefix.</summary>
    private static string DefaultDiskBus(DiskDevice d) => DiskOrder.Bus(d);

    /// <summary>Index of a disk from its target name (hda → 0, sdb → 1, vdaa → 26); -1 for names off the pattern.</summary>
    internal static int DiskIndex(string dev) => DiskOrder.TargetIndex(dev);

    private static DriveAddress DriveAddressFor(int idx, string bus) => bus switch
    {
        // IDE: two units per bus, two buses per controller.
        "ide" => new DriveAddress(idx / 4, (idx % 4) / 2, 0, idx % 2),

        // SATA: six ports on one bus per controller.
        "sata" => new DriveAddress(idx / 6, 0, 0, idx % 6),

        // Narrow SCSI: seven units on one bus per controller.
        "scsi" => new DriveAddress(idx / 7, 0, 0, idx % 7),

        // Floppy: two drives per controller.
        _ => new DriveAddress(idx / 2, 0, 0, idx % 2),
    };

    /// <summary>
    /// The model of a SCSI controller: as written, else libvirt's choice for the platform
    /// (ibmvscsi on pSeries, then lsilogic, then virtio-scsi, by what the binary offers).
    /// </summary>
    internal static string ScsiControllerModel(ControllerDevice c, PlatformContext p) =>
        c.Model ?? DefaultScsiControllerModel(p) ?? "lsilogic";

    /// <summary>The SCSI controller model libvirt picks for the platform, or null when the binary offers none.</summary>
    internal static string? DefaultScsiControllerModel(PlatformContext p)
    {
        if (p.IsPSeries)
        {
            return "ibmvscsi";
        }

        if (p.Has("lsi"))
        {
            return "lsilogic";
        }

        return p.Has("virtio-scsi-pci") ? "virtio-scsi" : null;
    }

    /// <summary>A shared directory without an access mode is passed through (unless served by an external virtiofsd).</summary>
    private static FilesystemDevice FilesystemDefaultsFor(FilesystemDevice fs) =>
        fs.AccessMode is null && fs.SourceSocket is null ? fs with { AccessMode = "passthrough" } : fs;
}
