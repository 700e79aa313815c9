using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Rules on other devices: boot loadparm, inputs, network backends, shared memory, vsock, IOThreads.</summary>
internal static class DeviceRules
{
    private const ulong MiB = 1024UL * 1024;

    /// <summary>Values the parser would reject.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        foreach (var dev in def.Devices)
        {
            if (dev.Info.BootLoadParm is { } loadparm)
            {
                CheckLoadparm(loadparm);
            }

            if (dev is InputDevice { Bus: "virtio", Model: "virtio-transitional" or "virtio-non-transitional" } input)
            {
                throw Unsupported($"virtio (non-)transitional models are not supported for input type={input.Type}");
            }
        }
    }

    /// <summary>Device kinds the binary must provide.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        if (!KnowsCaps(p))
        {
            return;
        }

        foreach (var shmem in def.DevicesOf<ShmemDevice>())
        {
            var model = shmem.Model;
            if (model == "ivshmem" && !p.Has("ivshmem"))
            {
                throw Unsupported("ivshmem device is not supported with this QEMU binary");
            }

            if (model is "ivshmem-plain" or "ivshmem-doorbell" && !p.Has(model))
            {
                throw Unsupported($"shmem model '{model}' is not supported by this QEMU binary");
            }
        }

        if (def.DevicesOf<VsockDevice>().Any() && !p.Has("vhost-vsock"))
        {
            throw Unsupported("vsock device is not supported with this QEMU binary");
        }

        foreach (var net in def.DevicesOf<InterfaceDevice>().Where(n => n.Type == "vdpa"))
        {
            if (!p.Has("netdev.vhost-vdpa"))
            {
                throw Unsupported("vDPA devices are not supported with this QEMU binary");
            }

            if (net.Model != "virtio")
            {
                throw Unsupported($"invalid model for interface of type 'vdpa': '{net.Model}'");
            }
        }

        foreach (var disk in def.DevicesOf<DiskDevice>().Where(d => d.Type == "vhostuser"))
        {
            if (!p.Has("vhost-user-blk"))
            {
                throw Unsupported("vhostuser disk is not supported with this QEMU binary");
            }

            RequireSharedMemory(def, "vhostuser");
        }

        foreach (var fs in def.DevicesOf<FilesystemDevice>())
        {
            CheckFilesystem(fs, def, p);
        }
    }

    /// <summary>vhost-user backends map guest memory: it must be shared, for the whole guest or each NUMA cell.</summary>
    internal static void RequireSharedMemory(DomainDefinition def, string name)
    {
        var domainShared = Attr(def.MemoryBacking?.Element("access"), "mode") == "shared";
        var cells = NumaCells(def);
        if (cells.Count == 0 ? !domainShared : cells.Any(c => (Attr(c, "memAccess") ?? (domainShared ? "shared" : "default")) != "shared"))
        {
            throw Unsupported($"'{name}' requires shared memory");
        }
    }

    private static void CheckFilesystem(FilesystemDevice fs, DomainDefinition def, PlatformContext p)
    {
        if (fs.Type != "mount")
        {
            throw Unsupported("only supports mount filesystem type");
        }

        if (fs.Extras.Any(e => e.Name.LocalName is "space_hard_limit" or "space_soft_limit"))
        {
            throw Unsupported("filesystem usage limits are not supported with QEMU");
        }

        var multidevs = fs.Multidevs is not null and not "default";
        if (multidevs && !p.Has("fsdev.multidevs"))
        {
            throw Unsupported("multidevs is not supported with this QEMU binary");
        }

        var accessMode = fs.AccessMode ?? "passthrough";
        if ((fs.FileMode != 0 || fs.DirMode != 0) && accessMode != "mapped")
        {
            throw Unsupported("fmode and dmode must be used with accessmode=mapped");
        }

        switch (fs.DriverType)
        {
            case "handle":
                if (accessMode != "passthrough")
                {
                    throw Unsupported("only supports passthrough accessmode");
                }

                break;
            case "loop" or "nbd" or "ploop":
                throw Unsupported("Filesystem driver type not supported");
            case "virtiofs":
                if (fs.SourceSocket is null)
                {
                    if (fs.ReadOnly)
                    {
                        throw Unsupported("virtiofs does not yet support read-only mode");
                    }

                    if (accessMode != "passthrough")
                    {
                        throw Unsupported("virtiofs only supports passthrough accessmode");
                    }

                    if (fs.WritePolicy is not null)
                    {
                        throw Unsupported("virtiofs does not support wrpolicy");
                    }
                }

                if (fs.Model is not null and not "default")
                {
                    throw Unsupported("virtiofs does not support model");
                }

                if (fs.DriverFormat is not null)
                {
                    throw Unsupported("virtiofs does not support format");
                }

                if (!p.Has("vhost-user-fs"))
                {
                    throw Unsupported("virtiofs is not supported with this QEMU binary");
                }

                if (multidevs)
                {
                    throw Unsupported("virtiofs does not support multidevs");
                }

                if (fs.FileMode != 0 || fs.DirMode != 0)
                {
                    throw Unsupported("virtiofs does not support fmode and dmode");
                }

                RequireSharedMemory(def, "virtiofs");
                if (fs.Info.BootOrder is not null && !p.Has("vhost-user-fs.bootindex"))
                {
                    throw Unsupported("setting virtiofs boot order is not supported with this QEMU binary");
                }

                break;
            default:
                break;
        }
    }

    /// <summary>What the command line needs: IOThread objects, tap devices, key wrapping, shared memory sizes and addresses.</summary>
    public static void AtLaunch(DomainDefinition def, PlatformContext p)
    {
        foreach (var cipher in Top(def, "keywrap")?.Elements("cipher") ?? [])
        {
            var flag = Attr(cipher, "name") + "-key-wrap";
            if (Attr(cipher, "name") is "aes" or "dea" && KnowsCaps(p) && !p.Has(flag))
            {
                throw Unsupported($"{flag} is not available with this QEMU binary");
            }
        }

        foreach (var net in def.DevicesOf<InterfaceDevice>())
        {
            if (net.BackendTap is not null && net.Type is not ("network" or "bridge" or "ethernet"))
            {
                throw Unsupported($"interface {net.Mac} - custom tap device path is not supported for network interfaces of type {net.Type}");
            }
        }

        var iothreads = Top(def, "iothreads") is { } count && TryUnsigned(count.Value, out var n) && n > 0;
        if ((iothreads || Top(def, "iothreadids")?.Elements("iothread").Any() == true) && KnowsCaps(p) && !p.Has("iothread"))
        {
            throw Unsupported("IOThreads not supported for this QEMU");
        }

        foreach (var shmem in def.DevicesOf<ShmemDevice>())
        {
            if (shmem.Size is { } size and > 0)
            {
                if ((size & (size - 1)) != 0)
                {
                    throw Xml("shmem size must be a power of two");
                }

                if (size < MiB)
                {
                    throw Xml("shmem size must be at least 1 MiB (1024 KiB)");
                }
            }

            if (shmem.Info.Address is { } address and not PciAddress)
            {
                throw Unsupported("only 'pci' addresses are supported for the shared memory device");
            }
        }
    }

    private static void CheckLoadparm(string loadparm)
    {
        var upper = loadparm.ToUpperInvariant();
        if (upper.Length is < 1 or > 8)
        {
            throw Internal($"loadparm value '{upper}' must be between 1 and 8 characters");
        }

        if (!upper.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or ' '))
        {
            throw Internal(string.Format(CultureInfo.InvariantCulture, "invalid loadparm value '{0}', expecting chars in set of [a-zA-Z0-9.] and blank spaces", upper));
        }
    }
}
