using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Disk rules: targets, addresses, storage formats, authentication and encryption.</summary>
internal static class DiskRules
{
    private static readonly string[] TargetPrefixes = ["fd", "hd", "vd", "sd", "xvd", "ubd"];

    private static readonly string[] SecretUsageTypes = ["none", "volume", "ceph", "iscsi", "tls", "vtpm"];

    /// <summary>Rules on the disks as written.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        var disks = def.DevicesOf<DiskDevice>().ToList();
        foreach (var d in disks)
        {
            CheckAddressBus(d);
            CheckFormat(d);
            CheckLun(d);
            CheckSecrets(d);
        }

        CheckDuplicateTargets(disks);

        foreach (var d in disks)
        {
            CheckFrontend(d);
            CheckTarget(d);
        }
    }

    /// <summary>Rules on disks whose bus and drive address are filled in.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        if (!DomainPreparer.HasDevice<DiskDevice>(def.Devices))
        {
            // No disk: nothing below can apply.
            return;
        }

        var disks = Ordered(def.DevicesOf<DiskDevice>().ToList());

        // The earliest disk whose drive address and bus another disk after it repeats
        // (what a pairwise scan meets first), found in one pass.
        var firstAt = new Dictionary<(DriveAddress, string), int>();
        var duplicated = new HashSet<(DriveAddress, string)>();
        var earliest = -1;
        for (var j = 0; j < disks.Count; j++)
        {
            if (disks[j].Info.Address is not DriveAddress address)
            {
                continue;
            }

            var key = (address, Bus(disks[j]));
            if (!firstAt.TryGetValue(key, out var at))
            {
                firstAt[key] = j;
            }
            else if (duplicated.Add(key) && (earliest < 0 || at < earliest))
            {
                earliest = at;
            }
        }

        if (earliest >= 0 && disks[earliest].Info.Address is DriveAddress a)
        {
            throw Unsupported(string.Format(
                CultureInfo.InvariantCulture,
                "Found duplicate drive address for disk with target name '{0}' controller='{1}' bus='{2}' target='{3}' unit='{4}'",
                disks[earliest].TargetDev,
                a.Controller,
                a.Bus,
                a.Target,
                a.Unit));
        }

        var iothreads = IothreadIds(def);
        foreach (var d in disks)
        {
            CheckDiskOptions(d, iothreads);
        }

        foreach (var d in disks)
        {
            var format = d.Format;
            if (d.Shareable && !d.ReadOnly && format is not null && format != "raw")
            {
                throw Unsupported($"shared access for disk '{d.TargetDev}' requires use of supported storage format");
            }

            if (KnowsCaps(p))
            {
                CheckStorageCaps(d, p);
            }

            StorageSourceRules.Check(d, p);
        }
    }

    /// <summary>Rules checked when the command line is built.</summary>
    public static void AtLaunch(DomainDefinition def, PlatformContext p)
    {
        if (p.IsPSeries && def.DevicesOf<DiskDevice>().Any(d => d.Device == "floppy" || Bus(d) == "fdc"))
        {
            throw Unsupported("PowerPC pseries machines do not support floppy device");
        }
    }

    /// <summary>The disk's bus: as written, else what libvirt derives from the target name.</summary>
    internal static string Bus(DiskDevice d)
    {
        if (d.TargetBus is { } bus)
        {
            return bus;
        }

        var dev = d.TargetDev ?? "";
        return dev.StartsWith("hd", StringComparison.Ordinal) ? "ide"
            : dev.StartsWith("sd", StringComparison.Ordinal) ? "scsi"
            : dev.StartsWith("vd", StringComparison.Ordinal) ? "virtio"
            : dev.StartsWith("fd", StringComparison.Ordinal) ? "fdc"
            : dev.StartsWith("xvd", StringComparison.Ordinal) ? "xen"
            : dev.StartsWith("ubd", StringComparison.Ordinal) ? "uml"
            : "ide";
    }

    /// <summary>
    /// Parses a disk target name (hda, vdb1, sdaa): the disk index and partition number, or
    /// false when the name does not follow libvirt's naming.
    /// </summary>
    internal static bool TryParseTarget(string name, out int index, out int partition)
    {
        index = 0;
        partition = 0;
        var rest = -1;
        foreach (var prefix in TargetPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                rest = prefix.Length;
                break;
            }
        }

        if (rest < 0)
        {
            return false;
        }

        var pos = rest;
        var letters = 0;
        long idx = 0;
        while (pos < name.Length && name[pos] is >= 'a' and <= 'z')
        {
            idx = ((idx + (letters < 1 ? 0 : 1)) * 26) + (name[pos] - 'a');
            if (idx > int.MaxValue)
            {
                return false;
            }

            letters++;
            pos++;
        }

        var digits = name.AsSpan(pos);
        if (digits.ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (digits.Length > 0 && !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out partition))
        {
            return false;
        }

        index = (int)idx;
        return true;
    }

    // libvirt keeps disks grouped by bus, ordered by target index within a bus.
    private static List<DiskDevice> Ordered(List<DiskDevice> disks) => DiskOrder.InsertionOrder(disks, Bus, TargetIndex);

    private static int TargetIndex(DiskDevice d) => TryParseTarget(d.TargetDev ?? "", out var idx, out _) ? idx : -1;

    private static string SourceText(DiskDevice d) => d.Source.Path ?? "<null>";

    private static void CheckAddressBus(DiskDevice d)
    {
        if (d.Info.Address is not { } address)
        {
            return;
        }

        var bus = Bus(d);
        if (bus is "ide" or "fdc" or "scsi" or "sata" && address is not DriveAddress)
        {
            throw Unsupported($"Invalid address type '{address.TypeName}' for the disk '{d.TargetDev}' with the bus type '{bus}'");
        }
    }

    private static void CheckFormat(DiskDevice d)
    {
        switch (d.Format)
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

        var name = d.DriverName;
        if (name is not null && name != "qemu")
        {
            throw Unsupported($"unsupported driver name '{name}' for disk '{d.TargetDev}'");
        }
    }

    private static void CheckLun(DiskDevice d)
    {
        if (d.Device != "lun")
        {
            return;
        }

        if (d.Type == "network")
        {
            var protocol = d.Source.Protocol;
            if (protocol is not null && protocol != "iscsi")
            {
                throw Unsupported($"disk device='lun' is not supported for protocol='{protocol}'");
            }

            return;
        }

        if (d.Type is not ("block" or "volume"))
        {
            throw Unsupported("disk device='lun' is only valid for block type disk source");
        }
    }

    private static void CheckSecrets(DiskDevice d)
    {
        var source = d.Source;
        if (d.Type == "network" && source.Auth is { } auth)
        {
            var type = auth.SecretType;
            if (type is null || Array.IndexOf(SecretUsageTypes, type) < 0)
            {
                throw Unsupported($"unknown secret type '{type ?? "<null>"}'");
            }

            if ((source.Protocol == "iscsi" && type != "iscsi") || (source.Protocol == "rbd" && type != "ceph"))
            {
                throw Unsupported($"invalid secret type '{type}'");
            }
        }

        if (source.Encryption is { Format: "luks" } encryption && encryption.Extras.Any(e => e.Name.LocalName == "cipher"))
        {
            throw Unsupported("supplying <cipher> for domain disk definition is unnecessary");
        }
    }

    private static void CheckDuplicateTargets(List<DiskDevice> disks)
    {
        // Reports the pair a pairwise scan of the ordered disks meets first: the earliest
        // disk that has a duplicate, with its next duplicate (one pass, not all pairs).
        var ordered = Ordered(disks);
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var paired = new HashSet<string>(StringComparer.Ordinal);
        (int I, int J)? found = null;
        for (var j = 0; j < ordered.Count; j++)
        {
            if (ordered[j].TargetDev is not { } dst)
            {
                continue;
            }

            if (!first.TryGetValue(dst, out var i))
            {
                first[dst] = j;
            }
            else if (paired.Add(dst) && (found is null || i < found.Value.I))
            {
                found = (i, j);
            }
        }

        if (found is { } pair)
        {
            throw Xml($"target '{ordered[pair.I].TargetDev}' duplicated for disk sources '{SourceText(ordered[pair.I])}' and '{SourceText(ordered[pair.J])}'");
        }
    }

    private static void CheckFrontend(DiskDevice d)
    {
        var bus = Bus(d);
        if (d.Device == "cdrom" && bus is "virtio" or "sd")
        {
            throw Unsupported($"disk type of '{d.TargetDev}' does not support ejectable media");
        }

        if (d.Wwn is not null && bus is not ("ide" or "scsi"))
        {
            throw Unsupported("Only ide and scsi disk support wwn");
        }

        if ((d.Vendor is not null || d.Product is not null) && bus != "scsi")
        {
            throw Unsupported("Only scsi disk supports vendor and product");
        }

        if (bus == "usb" && d.Info.Address is not (null or UsbAddress))
        {
            throw Internal("unexpected address type for usb disk");
        }

        if (d.ReadOnly && d.Device == "disk" && bus is "ide" or "sata")
        {
            throw Unsupported($"readonly {bus} disks are not supported");
        }
    }

    private const string SerialCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_ .+";

    // Geometry, serial, copy-on-read, rotation rate, transient and IOThread settings.
    private static void CheckDiskOptions(DiskDevice d, HashSet<ulong> iothreads)
    {
        var bus = Bus(d);
        if (d.Geometry is { Cylinders: > 0, Heads: > 0, Sectors: > 0 } geometry)
        {
            if (bus is "usb" or "sd")
            {
                throw Unsupported($"CHS geometry can not be set for '{bus}' bus");
            }

            if (geometry.Trans is not null and not "default" && bus != "ide")
            {
                throw Unsupported($"CHS translation mode can only be set for 'ide' bus not '{bus}'");
            }
        }

        if (d.Driver.CopyOnRead == "on")
        {
            if (d.ReadOnly)
            {
                throw Unsupported($"copy_on_read is not compatible with read-only disk '{d.TargetDev}'");
            }

            if (d.Device is "cdrom" or "floppy")
            {
                throw Unsupported($"copy_on_read is not supported with removable disk '{d.TargetDev}'");
            }
        }

        if (d.Device == "lun")
        {
            if (bus is not ("virtio" or "scsi"))
            {
                throw Unsupported($"disk device='lun' is not supported for bus='{bus}'");
            }

            if (d.Driver.CopyOnRead == "on")
            {
                throw Unsupported($"copy_on_read is not compatible with 'lun' disk '{d.TargetDev}'");
            }

            if (d.Wwn is not null)
            {
                throw Unsupported("Setting wwn is not supported for lun device");
            }

            if (d.Vendor is not null || d.Product is not null)
            {
                throw Unsupported("Setting vendor or product is not supported for lun device");
            }

            if (d.Serial is not null && bus == "scsi")
            {
                throw Unsupported("scsi-block 'lun' devices do not support the serial property");
            }
        }

        if (d.TargetRotationRate is not null)
        {
            if (bus is not ("scsi" or "ide" or "sata"))
            {
                throw Internal("rotation rate is only valid for SCSI/IDE/SATA bus");
            }

            if (d.Device != "disk")
            {
                throw Internal("rotation rate is only valid for disk device");
            }
        }

        if (d.Serial is { } serial && serial.Any(c => !SerialCharacters.Contains(c, StringComparison.Ordinal)))
        {
            throw Internal($"driver serial '{serial}' contains unsafe characters");
        }

        if (d.Driver.Iothread is { } iothread)
        {
            if (bus != "virtio")
            {
                throw Unsupported($"IOThreads not available for bus {bus} target {d.TargetDev}");
            }

            if (!iothreads.Contains(iothread))
            {
                throw Unsupported($"Disk iothread '{N(iothread)}' not defined in iothreadid");
            }
        }

        if (d.Transient)
        {
            if (d.Source.IsEmpty)
            {
                throw Unsupported($"transient disk '{d.TargetDev}' must not be empty");
            }

            if (d.ReadOnly)
            {
                throw Unsupported($"transient disk '{d.TargetDev}' must not be read-only");
            }

            if (d.Type != "file")
            {
                throw Unsupported($"transient disk supported only with 'file' type ({d.TargetDev})");
            }

            if (d.Device != "disk")
            {
                throw Unsupported($"transient disk supported only with 'disk' device ({d.TargetDev})");
            }
        }
    }

    // The domain's IOThread ids: those listed, then the lowest free ones up to the count.
    private static HashSet<ulong> IothreadIds(DomainDefinition def)
    {
        var ids = new HashSet<ulong>();
        foreach (var t in Top(def, "iothreadids")?.Elements("iothread") ?? [])
        {
            if (TryUnsigned(Attr(t, "id"), out var id))
            {
                ids.Add(id);
            }
        }

        if (Top(def, "iothreads") is { } count && TryUnsigned(count.Value, out var n))
        {
            for (ulong next = 1; (ulong)ids.Count < n; next++)
            {
                ids.Add(next);
            }
        }

        return ids;
    }

    private static void CheckTarget(DiskDevice d)
    {
        if (d.TargetDev is not { } dst)
        {
            return;
        }

        if (!TryParseTarget(dst, out _, out var partition))
        {
            throw Unsupported($"invalid disk target '{dst}'");
        }

        if (partition != 0)
        {
            throw Unsupported($"invalid disk target '{dst}', partitions can't appear in disk targets");
        }
    }

    private static void CheckStorageCaps(DiskDevice d, PlatformContext p)
    {
        var source = d.Source;
        if (d.Type == "network" && source.Protocol == "nbd" && source.TlsHostname is not null && !p.Has("blockdev.nbd.tls-hostname"))
        {
            throw Unsupported("'tlsHostname' field is not supported by this QEMU");
        }

        if (source.Encryption?.Engine == "librbd")
        {
            if (d.Type != "network" || source.Protocol != "rbd")
            {
                throw Unsupported("only RBD network storage supports librbd encryption");
            }

            if (!p.Has("rbd-encryption"))
            {
                throw Unsupported("librbd encryption is not supported by this QEMU binary");
            }
        }
    }
}
