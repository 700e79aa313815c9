using System.Collections.Immutable;

namespace Vireo.Domain.Devices;

/// <summary>
/// libvirt's order of disks (virDomainDiskInsert): each disk read is placed after the disks
/// on the same bus whose target index is lower, so disks of a bus end up sorted by target name.
/// </summary>
public static class DiskOrder
{
    private static readonly string[] TargetPrefixes = ["fd", "hd", "vd", "sd", "xvd", "ubd"];

    /// <summary>Reorders the disks among the device list's disk slots; other devices keep their places.</summary>
    public static ImmutableArray<DomainDevice> Normalize(ImmutableArray<DomainDevice> devices)
    {
        var ordered = InsertionOrder(devices.OfType<DiskDevice>(), Bus, d => TargetIndex(d.TargetDev));

        var b = ImmutableArray.CreateBuilder<DomainDevice>(devices.Length);
        var next = 0;
        foreach (var d in devices)
        {
            b.Add(d is DiskDevice ? ordered[next++] : d);
        }

        return b.MoveToImmutable();
    }

    /// <summary>
    /// Inserts each disk, in sequence, the way libvirt's virDomainDiskInsert does: scanning
    /// the disks already placed from the end, a disk goes before the first (leftmost) disk of
    /// its bus with a higher index, else right after the last disk of its bus, else at the end.
    /// Bus and index are computed once per disk; a disk that sorts after every disk of its
    /// bus while the list ends with that bus (the usual, already ordered case) is appended
    /// without a scan, so ordered input costs linear time.
    /// </summary>
    public static List<DiskDevice> InsertionOrder(IEnumerable<DiskDevice> disks, Func<DiskDevice, string> bus, Func<DiskDevice, int> index)
    {
        ArgumentNullException.ThrowIfNull(disks);
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(index);
        var ordered = new List<DiskDevice>();
        var keys = new List<(string Bus, int Index)>();
        var maxByBus = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var disk in disks)
        {
            var key = (Bus: bus(disk), Index: index(disk));
            if (!maxByBus.TryGetValue(key.Bus, out var max))
            {
                maxByBus[key.Bus] = key.Index;
                ordered.Add(disk);
                keys.Add(key);
                continue;
            }

            maxByBus[key.Bus] = Math.Max(max, key.Index);
            if (max <= key.Index && keys[^1].Bus == key.Bus)
            {
                ordered.Add(disk);
                keys.Add(key);
                continue;
            }

            var insertAt = -1;
            for (var i = keys.Count - 1; i >= 0; i--)
            {
                if (keys[i].Bus != key.Bus)
                {
                    continue;
                }

                if (keys[i].Index > key.Index)
                {
                    insertAt = i;
                }
                else if (insertAt == -1)
                {
                    insertAt = i + 1;
                }
            }

            if (insertAt < 0 || insertAt >= ordered.Count)
            {
                ordered.Add(disk);
                keys.Add(key);
            }
            else
            {
                ordered.Insert(insertAt, disk);
                keys.Insert(insertAt, key);
            }
        }

        return ordered;
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

        var start = -1;
        foreach (var prefix in TargetPrefixes)
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
