using System.Collections.Immutable;

namespace Vireo.Domain.Devices;

/// <summary>
/// libvirt's order of disks (virDomainDiskInsert): each disk read is placed after the disks
/// on the same bus whose target index is lower, so disks of a bus end up sorted by target name.
/// </summary>
public static class DiskOrder
{
    /// <summary>Reorders the disks among the device list's disk slots; other devices keep their places.</summary>
    public static ImmutableArray<DomainDevice> Normalize(ImmutableArray<DomainDevice> devices)
    {
        var ordered = new List<DiskDevice>();
        foreach (var disk in devices.OfType<DiskDevice>())
        {
            Insert(ordered, disk);
        }

        var b = ImmutableArray.CreateBuilder<DomainDevice>(devices.Length);
        var next = 0;
        foreach (var d in devices)
        {
            b.Add(d is DiskDevice ? ordered[next++] : d);
        }

        return b.MoveToImmutable();
    }

    private static void Insert(List<DiskDevice> disks, DiskDevice disk)
    {
        var insertAt = -1;
        var bus = Bus(disk);
        var index = TargetIndex(disk.TargetDev);
        for (var i = disks.Count - 1; i >= 0; i--)
        {
            if (Bus(disks[i]) != bus)
            {
                continue;
            }

            if (TargetIndex(disks[i].TargetDev) > index)
            {
                insertAt = i;
            }
            else if (insertAt == -1)
            {
                insertAt = i + 1;
            }
        }

        if (insertAt < 0 || insertAt >= disks.Count)
        {
            disks.Add(disk);
        }
        else
        {
            disks.Insert(insertAt, disk);
        }
    }

    /// <summary>The bus as written, else the one libvirt derives from the device kind and target name.</summary>
    public static string Bus(DiskDevice disk)
    {
        if (disk.TargetBus is { } bus)
        {
            return bus;
        }

        if (disk.Device == "floppy")
        {
            return "fdc";
        }

        var dev = disk.TargetDev ?? "";
        return dev.StartsWith("hd", StringComparison.Ordinal) ? "ide"
            : dev.StartsWith("sd", StringComparison.Ordinal) ? "scsi"
            : dev.StartsWith("vd", StringComparison.Ordinal) ? "virtio"
            : dev.StartsWith("xvd", StringComparison.Ordinal) ? "xen"
            : dev.StartsWith("ubd", StringComparison.Ordinal) ? "uml"
            : "ide";
    }

    /// <summary>
    /// The index of a target name (hda → 0, sdb → 1, vdaa → 26), ignoring a trailing partition
    /// number; -1 when the name does not follow the fd/hd/vd/sd/xvd/ubd pattern.
    /// </summary>
    public static int TargetIndex(string? dev)
    {
        if (dev is null)
        {
            return -1;
        }

        string[] prefixes = ["fd", "hd", "vd", "sd", "xvd", "ubd"];
        var start = -1;
        foreach (var prefix in prefixes)
        {
            if (dev.StartsWith(prefix, StringComparison.Ordinal))
            {
                start = prefix.Length;
                break;
            }
        }

        if (start < 0)
        {
            return -1;
        }

        long idx = 0;
        var k = start;
        for (; k < dev.Length && dev[k] is >= 'a' and <= 'z'; k++)
        {
            idx = ((idx + (k == start ? 0 : 1)) * 26) + (dev[k] - 'a');
            if (idx > int.MaxValue)
            {
                return -1;
            }
        }

        for (; k < dev.Length; k++)
        {
            if (dev[k] is < '0' or > '9')
            {
                return -1;
            }
        }

        return (int)idx;
    }
}
