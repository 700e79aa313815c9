using Vireo.Domain.Devices;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Disk defaults: driver, bus, drive addresses.</summary>
public static partial class DomainPreparer
{
    private static DiskDevice DiskDefaultsFor(DiskDevice d, PlatformContext p)
    {
        var driver = d.Driver;
        if (d.DriverAttr("name") is null && d.Type != "vhostuser")
        {
            driver = driver.Insert(0, new("name", "qemu"));
        }

        if (d.DriverAttr("type") is null && d.Type is "file" or "block" && d.Source is not null && d.Type != "vhostuser")
        {
            var at = driver.Length > 0 && driver[0].Key == "name" ? 1 : 0;
            driver = driver.Insert(at, new("type", "raw"));
        }

        var bus = d.TargetBus ?? DefaultDiskBus(d, p);
        d = d with { Driver = driver, TargetBus = bus };
        if (d.Info.Address is null && bus is "ide" or "sata" or "scsi" or "fdc")
        {
            d = (DiskDevice)d.WithAddress(DriveAddressFor(d.TargetDev ?? "", bus));
        }

        return d;
    }

    private static string DefaultDiskBus(DiskDevice d, PlatformContext p)
    {
        var dev = d.TargetDev ?? "";
        if (dev.StartsWith("hd", StringComparison.Ordinal))
        {
            return "ide";
        }

        if (dev.StartsWith("sd", StringComparison.Ordinal))
        {
            return "scsi";
        }

        if (dev.StartsWith("vd", StringComparison.Ordinal))
        {
            return "virtio";
        }

        if (dev.StartsWith("fd", StringComparison.Ordinal))
        {
            return "fdc";
        }

        if (dev.StartsWith("xvd", StringComparison.Ordinal))
        {
            return "xen";
        }

        return p.IsX86 ? "ide" : "virtio";
    }

    /// <summary>Index of a disk from its target name: hda → 0, sdb → 1, vdaa → 26.</summary>
    internal static int DiskIndex(string dev)
    {
        // Prefix is the leading letters up to the known bus prefix (hd, sd, vd, fd, xvd).
        var prefixLen = dev.StartsWith("xvd", StringComparison.Ordinal) ? 3 : 2;
        var idx = 0;
        for (var k = prefixLen; k < dev.Length; k++)
        {
            var c = dev[k];
            if (c < 'a' || c > 'z')
            {
                break;
            }

            idx = (idx * 26) + (c - 'a' + 1);
        }

        return idx - 1;
    }

    private static DriveAddress DriveAddressFor(string dev, string bus)
    {
        var idx = Math.Max(0, DiskIndex(dev));
        return bus switch
        {
            "ide" => new DriveAddress(idx / 4, (idx % 4) / 2, 0, idx % 2),
            "sata" => new DriveAddress(idx / 6, 0, 0, idx % 6),
            "scsi" => new DriveAddress(idx / 7, 0, 0, idx % 7),
            _ => new DriveAddress(0, 0, 0, idx),
        };
    }
}
