using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Rules on other devices: network queues, boot loadparm, inputs, shared memory, vsock, IOThreads.</summary>
internal static class DeviceRules
{
    private const ulong MiB = 1024UL * 1024;

    private static readonly string[] UnsignedNetDriverAttributes = ["queues", "rx_queue_size", "tx_queue_size"];

    /// <summary>Values the parser would reject.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        foreach (var net in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "interface"))
        {
            if (net.Child("driver") is not { } driver)
            {
                continue;
            }

            foreach (var name in UnsignedNetDriverAttributes)
            {
                if (Attr(driver, name) is { } value && !TryUnsigned(value, out _))
                {
                    throw Xml($"Invalid value for attribute '{name}' in element 'driver': '{value}'. Expected non-negative integer value");
                }
            }
        }

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

        foreach (var shmem in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "shmem"))
        {
            var model = Attr(shmem.Child("model"), "type") ?? "ivshmem";
            if (model == "ivshmem" && !p.Has("ivshmem"))
            {
                throw Unsupported("ivshmem device is not supported with this QEMU binary");
            }

            if (model is "ivshmem-plain" or "ivshmem-doorbell" && !p.Has(model))
            {
                throw Unsupported($"shmem model '{model}' is not supported by this QEMU binary");
            }
        }

        if (def.DevicesOf<GenericDevice>().Any(g => g.ElementName == "vsock") && !p.Has("vhost-vsock"))
        {
            throw Unsupported("vsock device is not supported with this QEMU binary");
        }
    }

    /// <summary>What the command line needs: IOThread objects, shared memory sizes and addresses.</summary>
    public static void AtLaunch(DomainDefinition def, PlatformContext p)
    {
        var iothreads = Top(def, "iothreads") is { } count && TryUnsigned(count.Value, out var n) && n > 0;
        if ((iothreads || Top(def, "iothreadids")?.Elements("iothread").Any() == true) && KnowsCaps(p) && !p.Has("iothread"))
        {
            throw Unsupported("IOThreads not supported for this QEMU");
        }

        foreach (var shmem in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "shmem"))
        {
            if (shmem.Child("size") is { } sizeEl && ScaledBytes(sizeEl.Value, Attr(sizeEl, "unit"), 1) is { } size and > 0)
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
