using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.Storage;

namespace Vireo.Qemu.CommandLine;

/// <summary>Disks: block node chains (-blockdev), their secrets and helpers, and the guest drives.</summary>
internal sealed partial class CommandLineBuilder
{
    private Dictionary<DiskDevice, DiskBlockPlan>? diskPlans;

    /// <summary>
    /// The boot index of each bootable device: its own &lt;boot order&gt;, or its position in the
    /// &lt;os&gt;&lt;boot dev=...&gt; list for the first disk, CD-ROM, floppy and network interface.
    /// </summary>
    private Dictionary<DomainDevice, int> BootIndexes()
    {
        var result = new Dictionary<DomainDevice, int>(ReferenceEqualityComparer.Instance);
        foreach (var d in def.Devices)
        {
            if (d.Info.BootOrder is { } o)
            {
                result[d] = o;
            }
        }

        if (result.Count > 0 || def.Os.BootDevices.IsDefaultOrEmpty)
        {
            return result;
        }

        int bootCd = 0, bootFloppy = 0, bootDisk = 0, bootNet = 0;
        for (var i = 0; i < def.Os.BootDevices.Length; i++)
        {
            switch (def.Os.BootDevices[i])
            {
                case "cdrom":
                    bootCd = i + 1;
                    break;
                case "fd":
                    bootFloppy = i + 1;
                    break;
                case "hd":
                    bootDisk = i + 1;
                    break;
                case "network":
                    bootNet = i + 1;
                    break;
                default:
                    break;
            }
        }

        foreach (var disk in def.DevicesOf<DiskDevice>())
        {
            switch (disk.Device)
            {
                case "cdrom":
                    Take(disk, ref bootCd);
                    break;
                case "floppy":
                    Take(disk, ref bootFloppy);
                    break;
                default:
                    Take(disk, ref bootDisk);
                    break;
            }
        }

        if (def.DevicesOf<InterfaceDevice>().FirstOrDefault() is { } net)
        {
            Take(net, ref bootNet);
        }

        return result;

        void Take(DomainDevice dev, ref int index)
        {
            if (index > 0)
            {
                result[dev] = index;
            }

            index = 0;
        }
    }

    /// <summary>
    /// Names the block nodes of every disk the way libvirt does: disks are prepared from the
    /// last to the first, each chain from its top image down, numbering images from 1.
    /// </summary>
    private Dictionary<DiskDevice, DiskBlockPlan> DiskPlans()
    {
        if (diskPlans is not null)
        {
            return diskPlans;
        }

        var plans = new Dictionary<DiskDevice, DiskBlockPlan>(ReferenceEqualityComparer.Instance);
        var disks = def.DevicesOf<DiskDevice>().ToList();
        var next = 1;
        for (var i = disks.Count - 1; i >= 0; i--)
        {
            var disk = disks[i];
            var images = ImmutableArray.CreateBuilder<BlockImage>();

            // SD cards are still -drive based: no block nodes to name.
            if (disk.TargetBus != "sd")
            {
                // Pool volumes become the file, device or LUN the pool serves them as.
                var top = PoolVolumes.Translate(disk.Source, ctx.Storage);
                if (disk.Source.Type == "volume" && top.Format is null)
                {
                    top = top with { Format = PoolVolumes.DefaultFormat(top) };
                }

                foreach (var src in top.Chain())
                {
                    images.Add(PrepareImage(disk, src, next++, images.Count == 0));
                }
            }

            plans[disk] = new DiskBlockPlan
            {
                Images = images.ToImmutable(),
                CopyOnReadNode = disk.Driver.CopyOnRead == "on" ? "libvirt-CoR-" + disk.TargetDev : null,
            };
        }

        diskPlans = plans;
        storageIdNext = next;
        return plans;
    }

    private int storageIdNext;

    /// <summary>
    /// The next block-node number after the disks' (libvirt prepares host-device SCSI backends
    /// after the disks, from the same counter).
    /// </summary>
    private int NextStorageId()
    {
        _ = DiskPlans();
        return storageIdNext++;
    }

    private BlockImage PrepareImage(DiskDevice disk, StorageSource src, int id, bool top)
    {
        // A shared writable disk cannot cache on the host.
        var cache = disk.Driver.Cache;
        if (cache is null && disk.Shareable && !disk.ReadOnly)
        {
            cache = "none";
        }

        var image = new BlockImage
        {
            Source = src,
            Id = id,
            IsTop = top,
            ReadOnly = !top || disk.ReadOnly,
            Cache = cache,
            Io = disk.Driver.Io,
            Discard = disk.Driver.Discard,
            DetectZeroes = top ? DetectZeroes(disk.Driver.Discard, disk.Driver.DetectZeroes) : null,
            Floppy = disk.Device == "floppy",
            HostCdrom = top && disk.Device == "cdrom" && src.Type == "block" && (src.Format ?? "raw") == "raw" && src.Path is { } path && IsHostCdrom(path),
            GlusterDebug = src.Protocol == "gluster" ? cfg.GlusterDebugLevel : 0,
        };

        if (src.FdGroup is { } group && src.Type is "file" or "block")
        {
            if (!ctx.FdGroups.TryGetValue(group, out var fds))
            {
                throw new DomainConfigException(ErrorKind.InvalidArgument, $"file descriptor group '{group}' was not associated with the domain");
            }

            image = image with { FdSet = NextFdSet(), Fds = fds };
        }

        if (src.Reservations is { } pr)
        {
            image = image with { PrManager = pr.Managed == "yes" ? ManagedPrHelperId : "pr-helper-" + image.StorageNode };
        }

        if (src.Type == "network" && src.Protocol == "nbd" && src.Tls == "yes")
        {
            var alias = "obj" + image.StorageNode + "_tls0";
            image = image with
            {
                TlsAlias = alias,
                TlsCertDir = cfg.NbdTlsX509CertDir,
                TlsSecretAlias = cfg.NbdTlsX509SecretUuid is null ? null : alias + "-secret0",
            };
        }

        if (src.Type == "network" && src.Protocol == "nfs")
        {
            image = image with { NfsUser = NfsId(src.IdentityUser), NfsGroup = NfsId(src.IdentityGroup) };
        }

        return image;
    }

    private const string ManagedPrHelperId = "pr-helper0";

    /// <summary>detect_zeroes='unmap' means 'on' unless discards reach the image.</summary>
    private static string? DetectZeroes(string? discard, string? detectZeroes) =>
        detectZeroes == "unmap" && discard != "unmap" ? "on" : detectZeroes;

    private bool IsHostCdrom(string path) =>
        ctx.IsHostCdrom?.Invoke(path) ?? (path == "/dev/cdrom" || path.StartsWith("/dev/sr", StringComparison.Ordinal));

    /// <summary>A user or group id given as <c>+N</c> or <c>N</c>.</summary>
    private static long? NfsId(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var digits = text.StartsWith('+') ? text[1..] : text;
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw DomainConfigException.Unsupported($"NFS identity '{text}' must be a numeric id (+N)");
    }

    /// <summary>The pr-manager-helper shared by every LUN whose reservations libvirt manages.</summary>
    private void BuildManagedPrManager()
    {
        if (!def.DevicesOf<DiskDevice>().Any(d => d.Source.Chain().Any(s => s.Reservations?.Managed == "yes")))
        {
            return;
        }

        ObjectArg(new QemuProps().Str("qom-type", "pr-manager-helper").Str("id", ManagedPrHelperId).Str("path", LibDir + "/pr-helper0.sock"));
    }

    private void BuildDisks()
    {
        var plans = DiskPlans();
        var boot = BootIndexes();
        BuildFloppyController(boot);

        foreach (var disk in def.DevicesOf<DiskDevice>())
        {
            // Transient disks sharing their backing image are attached after QEMU starts.
            if (disk.Transient && disk.TransientShareBacking == "yes")
            {
                continue;
            }

            var plan = plans[disk];
            if (disk.TargetBus == "sd")
            {
                BuildSdCard(disk);
                continue;
            }

            BuildDiskSource(disk, plan);
            AddZpciExtDevice(disk.Info);
            Device(DiskDeviceProps(disk, plan, boot.TryGetValue(disk, out var bi) ? bi : null));
        }
    }

    /// <summary>Floppy boot order lives on the floppy controller: a -global on PC, its own device on Q35.</summary>
    private void BuildFloppyController(Dictionary<DomainDevice, int> boot)
    {
        int? bootA = null, bootB = null;
        var hasFloppy = false;
        foreach (var disk in def.DevicesOf<DiskDevice>().Where(d => d.TargetBus == "fdc"))
        {
            hasFloppy = true;
            int? index = boot.TryGetValue(disk, out var bi) && bi > 0 ? bi : null;
            if (disk.Info.Address is DriveAddress { Unit: > 0 })
            {
                bootB = index;
            }
            else
            {
                bootA = index;
            }
        }

        if (!hasFloppy)
        {
            return;
        }

        if (NeedsExplicitFdc())
        {
            Device(new QemuProps().Str("driver", "isa-fdc").Num("bootindexA", bootA).Num("bootindexB", bootB));
            return;
        }

        if (bootA is { } a)
        {
            Add("-global", "isa-fdc.bootindexA=" + Num(a));
        }

        if (bootB is { } b)
        {
            Add("-global", "isa-fdc.bootindexB=" + Num(b));
        }
    }

    /// <summary>Q35 machines from 2.4 on have no built-in floppy controller.</summary>
    private bool NeedsExplicitFdc()
    {
        if (!p.IsQ35)
        {
            return false;
        }

        var machine = p.Machine.StartsWith("pc-q35-", StringComparison.Ordinal) ? p.Machine[7..] : p.Machine;
        return !(machine.StartsWith("1.", StringComparison.Ordinal) || machine is "2.0" or "2.1" or "2.2" or "2.3");
    }

    /// <summary>An SD card is still a -drive of its own (no -blockdev/-device pair).</summary>
    private void BuildSdCard(DiskDevice disk)
    {
        var src = disk.Source;
        if (src.IsEmpty)
        {
            return;
        }

        if (src.Type is not ("file" or "block"))
        {
            throw DomainConfigException.Unsupported($"disk type '{src.Type}' is not supported for SD cards");
        }

        var sb = new StringBuilder("file=");
        QemuProps.AppendEscapedValue(sb, src.Path ?? "");
        sb.Append(",format=").Append(QemuProps.EscapeValue(src.Format ?? "raw"));
        sb.Append(",if=sd,index=").Append(Num(Math.Max(0, Preparation.DomainPreparer.DiskIndex(disk.TargetDev ?? ""))));
        if (disk.ReadOnly)
        {
            sb.Append(",readonly=on");
        }

        var o = disk.Driver;
        void Opt(string name, string? value)
        {
            if (value is not null)
            {
                sb.Append(',').Append(name).Append('=').Append(QemuProps.EscapeValue(value));
            }
        }

        Opt("cache", o.Cache);
        Opt("copy-on-read", o.CopyOnRead);
        Opt("discard", o.Discard);
        Opt("detect-zeroes", DetectZeroes(o.Discard, o.DetectZeroes));
        Opt("aio", o.Io);
        Add("-drive", sb.ToString());
    }

    /// <summary>Everything behind the guest drive: fd sets, helper objects, secrets, the block node chain.</summary>
    private void BuildDiskSource(DiskDevice disk, DiskBlockPlan plan)
    {
        if (disk.Type == "vhostuser")
        {
            BuildVhostUserChardev(disk);
            return;
        }

        if (disk.Source.IsEmpty || plan.Images.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var image in plan.Images)
        {
            if (image.FdSet is { } set)
            {
                for (var i = 0; i < image.Fds.Length; i++)
                {
                    Add("-add-fd", "set=" + Num(set) + ",fd=" + Num(image.Fds[i]) + ",opaque=" + image.StorageNode + Num(i));
                }
            }
        }

        for (var i = plan.Images.Length - 1; i >= 0; i--)
        {
            var image = plan.Images[i];
            BuildImageObjects(image);
            Blockdev(BlockdevProps.Storage(image));
            if (BlockdevProps.SliceLayer(image) is { } slice)
            {
                Blockdev(slice);
            }

            var backing = i + 1 < plan.Images.Length ? plan.Images[i + 1] : null;
            Blockdev(BlockdevProps.Format(image, backing));
        }

        if (plan.CopyOnReadNode is { } cor)
        {
            Blockdev(new QemuProps().Str("driver", "copy-on-read").Str("node-name", cor).Str("file", plan.Images[0].FormatNode).Str("discard", "unmap"));
        }
    }

    /// <summary>
    /// A single image outside any disk (e.g. a firmware NVRAM store) under fixed node names
    /// <c>{prefix}-storage</c> / <c>{prefix}-format</c>: its secrets, storage and format nodes.
    /// </summary>
    private void BuildStandaloneImage(StorageSource src, string nodePrefix, bool readOnly)
    {
        var image = new BlockImage
        {
            Source = src with { Format = src.Format ?? "raw" },
            Id = 0,
            NodePrefix = nodePrefix,
            IsTop = true,
            ReadOnly = readOnly,
            GlusterDebug = src.Protocol == "gluster" ? cfg.GlusterDebugLevel : 0,
        };
        BuildImageObjects(image);
        Blockdev(BlockdevProps.Storage(image));
        Blockdev(BlockdevProps.Format(image, null));
    }

    /// <summary>Objects an image refers to: its reservations helper, secrets and TLS credentials.</summary>
    private void BuildImageObjects(BlockImage image)
    {
        var src = image.Source;
        if (src.Reservations is { Managed: not "yes" } pr)
        {
            ObjectArg(new QemuProps().Str("qom-type", "pr-manager-helper").Str("id", image.PrManager).Str("path", pr.SourcePath));
        }

        if (src.Auth is { } auth)
        {
            var usageType = src.Protocol == "rbd" ? "ceph" : src.Protocol == "iscsi" ? "iscsi" : auth.SecretType ?? "iscsi";
            ObjectArg(SecretObjects.Encrypted(image.AuthSecretAlias, LookupSecret(auth.SecretUuid, usageType, auth.SecretUsage), ctx));
        }

        if (src.Encryption is { } enc && enc.Engine is "qemu" or "librbd")
        {
            for (var i = 0; i < enc.Secrets.Length; i++)
            {
                var secret = enc.Secrets[i];
                ObjectArg(SecretObjects.Encrypted(image.EncryptionSecretAlias(i), LookupSecret(secret.Uuid, "volume", secret.Usage), ctx));
            }
        }

        if (!src.Cookies.IsDefaultOrEmpty)
        {
            var cookies = string.Join("; ", src.Cookies.Select(c => c.Key + "=" + c.Value));
            ObjectArg(SecretObjects.Encrypted(image.CookieSecretAlias, Encoding.UTF8.GetBytes(cookies), ctx));
        }

        if (image.TlsAlias is { } tls)
        {
            if (image.TlsSecretAlias is { } tlsSecret)
            {
                ObjectArg(SecretObjects.Encrypted(tlsSecret, SecretObjects.Lookup(cfg.NbdTlsX509SecretUuid!, ctx), ctx));
            }

            ObjectArg(new QemuProps()
                .Str("qom-type", "tls-creds-x509")
                .Str("id", tls)
                .Str("dir", image.TlsCertDir)
                .Str("endpoint", "client")
                .Bool("verify-peer", true)
                .Str("passwordid", image.TlsSecretAlias));
        }
    }

    private byte[] LookupSecret(string? uuid, string usageType, string? usage)
    {
        if (uuid is not null)
        {
            return SecretObjects.Lookup(uuid, ctx);
        }

        if (usage is not null && ctx.SecretUsageLookup?.Invoke(usageType, usage) is { } value)
        {
            return value;
        }

        throw DomainConfigException.Unsupported($"secret with usage '{usage}' is not known: define it before starting the domain");
    }

    /// <summary>The socket of a vhost-user disk: a client chardev the device connects through.</summary>
    private void BuildVhostUserChardev(DiskDevice disk)
    {
        var src = disk.Source;
        var sb = new StringBuilder("socket,id=chr-vu-").Append(disk.Info.Alias).Append(",path=");
        QemuProps.AppendEscapedValue(sb, src.VhostUserPath ?? "");
        if (src.VhostUserReconnect is { } rc && (string?)rc.Attribute("enabled") == "yes" && (string?)rc.Attribute("timeout") is { } timeout)
        {
            sb.Append(",reconnect=").Append(OptionText.Unsigned(timeout, "reconnect timeout", "-chardev"));
        }

        Add("-chardev", sb.ToString());
    }

    /// <summary>The guest-visible drive (libvirt's qemuBuildDiskDeviceProps).</summary>
    private QemuProps DiskDeviceProps(DiskDevice disk, DiskBlockPlan plan, int? bootIndex)
    {
        var props = new QemuProps();
        string? deviceId = null;
        string? removable = null;
        switch (disk.TargetBus)
        {
            case "ide" or "sata":
                props.Str("driver", disk.Device == "cdrom" ? "ide-cd" : "ide-hd");
                break;
            case "scsi":
                if (disk.Device == "lun")
                {
                    props.Str("driver", "scsi-block");
                }
                else
                {
                    props.Str("driver", disk.Device == "cdrom" ? "scsi-cd" : "scsi-hd");
                    if (disk.Device != "cdrom")
                    {
                        removable = disk.TargetRemovable;
                    }

                    // QEMU used the -drive id as the VPD device id when no serial is set; keep it guest-stable.
                    deviceId = disk.Serial ?? "drive-" + disk.Info.Alias;
                }

                break;
            case "virtio":
                var vhostUser = disk.Type == "vhostuser";
                props.Str("driver", VirtioDriverName(vhostUser ? "vhost-user-blk" : "virtio-blk", disk.Model ?? "virtio", disk.Info));
                VirtioOptionProps(props, disk.Driver.Virtio);
                props.Str("iothread", disk.Driver.Iothread is { } io ? "iothread" + Num(io) : null)
                    .OnOff("ioeventfd", disk.Driver.Ioeventfd)
                    .OnOff("event_idx", disk.Driver.EventIdx);

                // SCSI passthrough on virtio-blk: on for a LUN; off explicitly where the binary still enables it by default.
                if (!vhostUser && disk.Device == "lun")
                {
                    props.Bool("scsi", true);
                }
                else if (!vhostUser && p.Has("virtio-blk-pci.scsi") && !p.Has("virtio-blk-pci.scsi.default.disabled"))
                {
                    props.Bool("scsi", false);
                }

                props.Num("num-queues", disk.Driver.Queues is > 0 ? disk.Driver.Queues : null)
                    .Num("queue-size", disk.Driver.QueueSize is > 0 ? disk.Driver.QueueSize : null);
                break;
            case "usb":
                props.Str("driver", "usb-storage");
                removable = disk.TargetRemovable ?? "off";
                break;
            case "fdc":
                props.Str("driver", "floppy");
                break;
            default:
                throw DomainConfigException.Internal($"unsupported disk bus '{disk.TargetBus}' with device setup");
        }

        DiskAddressProps(props, disk);

        string? drive = null;
        string? chardev = null;
        if (disk.Type == "vhostuser")
        {
            chardev = "chr-vu-" + disk.Info.Alias;
        }
        else if (!disk.Source.IsEmpty)
        {
            drive = plan.TopNode;
        }

        props.Str("device_id", deviceId);
        if (disk.Shareable)
        {
            props.Bool("share-rw", true);
        }

        props.Str("drive", drive).Str("chardev", chardev).Str("id", disk.Info.Alias);

        // Floppies boot through their controller.
        if (disk.Device != "floppy")
        {
            props.Num("bootindex", bootIndex is > 0 ? bootIndex : null);
        }

        props.Num("logical_block_size", disk.LogicalBlockSize is > 0 ? disk.LogicalBlockSize : null)
            .Num("physical_block_size", disk.PhysicalBlockSize is > 0 ? disk.PhysicalBlockSize : null);
        if (disk.Wwn is { } wwn)
        {
            props.UNum("wwn", ulong.TryParse(wwn.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? wwn[2..] : wwn, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var w)
                ? w
                : throw DomainConfigException.Internal($"Failed to parse wwn '{wwn}' as number"));
        }

        props.Num("rotation_rate", disk.TargetRotationRate is > 0 ? disk.TargetRotationRate : null)
            .Str("vendor", disk.Vendor)
            .Str("product", disk.Product)
            .OnOff("removable", removable);
        if (disk.Device != "lun" && BlockdevProps.WriteBack(EffectiveCache(disk)) is { } wb)
        {
            props.Str("write-cache", wb ? "on" : "off");
        }

        if (disk.Geometry is { } g)
        {
            props.Num("cyls", g.Cylinders > 0 ? g.Cylinders : null)
                .Num("heads", g.Heads > 0 ? g.Heads : null)
                .Num("secs", g.Sectors > 0 ? g.Sectors : null)
                .Str("bios-chs-trans", g.Trans);
        }

        if (disk.Serial is { } serial)
        {
            props.Str("serial", serial.Replace(" ", "\\ ", StringComparison.Ordinal));
        }

        var werror = disk.Driver.ErrorPolicy;
        var rerror = disk.Driver.RerrorPolicy;
        if (werror == "enospace")
        {
            werror = "enospc";
        }
        else
        {
            rerror ??= werror;
        }

        props.Str("werror", werror).Str("rerror", rerror);
        return props;
    }

    private static string? EffectiveCache(DiskDevice disk) =>
        disk.Driver.Cache ?? (disk.Shareable && !disk.ReadOnly ? "none" : null);

    /// <summary>Where the drive plugs in: controller bus and unit, SCSI channel/target/LUN, or the device's own address.</summary>
    private void DiskAddressProps(QemuProps props, DiskDevice disk)
    {
        if (disk.Info.Address is not DriveAddress a)
        {
            AddressProps(props, disk.Info);
            return;
        }

        switch (disk.TargetBus)
        {
            case "ide":
                var ide = p.IsI440fx ? "ide" : ControllerAliasOf("ide", a.Controller);
                props.Str("bus", ide + "." + Num(a.Bus)).Num("unit", a.Unit);
                break;
            case "sata":
                var sata = p.IsQ35 && a.Controller == 0 ? "ide" : ControllerAliasOf("sata", a.Controller);
                props.Str("bus", sata + "." + Num(a.Unit));
                break;
            case "fdc":
                props.Num("unit", a.Unit);
                break;
            case "scsi":
                var ctrl = ControllerAt("scsi", a.Controller)
                    ?? throw DomainConfigException.Internal($"unable to find a SCSI controller for idx={a.Controller}");
                var alias = ctrl.Info.Alias ?? DeviceAliases.ControllerAlias(ctrl, p);
                // Narrow parallel SCSI HBAs address a unit per bus; the others take channel, target and LUN.
                // The board's built-in ESP (ncr53c90) is QEMU's bus "scsi".
                var model = Preparation.DomainPreparer.ScsiControllerModel(ctrl, p);
                if (model is "lsilogic" or "ncr53c90" or "dc390" or "am53c974")
                {
                    props.Str("bus", (model == "ncr53c90" ? "scsi" : alias) + "." + Num(a.Bus)).Num("scsi-id", a.Unit);
                }
                else
                {
                    props.Str("bus", alias + ".0").Num("channel", a.Bus).Num("scsi-id", a.Target).Num("lun", a.Unit);
                }

                break;
            default:
                break;
        }
    }

    private string ControllerAliasOf(string type, int index)
    {
        var ctrl = ControllerAt(type, index)
            ?? throw DomainConfigException.Internal($"Could not find {type} controller with index {index} required for device");
        return ctrl.Info.Alias ?? DeviceAliases.ControllerAlias(ctrl, p);
    }

    /// <summary>
    /// A PCI device on s390 with a zPCI identity gets its zpci companion device first
    /// (libvirt's qemuCommandAddExtDevice).
    /// </summary>
    private void AddZpciExtDevice(DeviceInfo info)
    {
        if (info.Address is not PciAddress { ZpciUid: { } uidText, ZpciFid: { } fidText } || !p.IsS390)
        {
            return;
        }

        static long Parse(string text)
        {
            var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            return long.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw DomainConfigException.Xml($"invalid zPCI identifier '{text}'");
        }

        var uid = Parse(uidText);
        Device(new QemuProps()
            .Str("driver", "zpci")
            .Num("uid", uid)
            .Num("fid", Parse(fidText))
            .Str("target", info.Alias)
            .Str("id", "zpci" + Num(uid)));
    }
}
