using System.Collections.Immutable;
using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Gives every device its QEMU id, the way libvirt names them (video0, net0, ide0-0-0,
/// pci.1, usb, virtio-serial0...). User aliases (<c>ua-*</c>) are kept.
/// </summary>
public static class DeviceAliases
{
    /// <summary>Returns the definition with aliases on every device.</summary>
    public static DomainDefinition Assign(DomainDefinition def, PlatformContext p)
    {
        // An alias becomes a QEMU id (and part of other ids): refuse what QEMU could not read as one.
        foreach (var d in def.Devices)
        {
            if (d.Info.Alias is { } given)
            {
                OptionText.UserAlias(given);
            }
        }

        var b = def.Devices.ToBuilder();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        int Next(string prefix)
        {
            var n = counters.GetValueOrDefault(prefix);
            counters[prefix] = n + 1;
            return n;
        }

        string I(int n) => n.ToString(CultureInfo.InvariantCulture);

        // libvirt names interfaces before any other device, so that an <interface type='hostdev'>
        // takes its hostdevN before the <hostdev> devices do.
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is InterfaceDevice { Info.Alias: null } n)
            {
                b[i] = n.WithAlias(n.Type == "hostdev" ? "hostdev" + I(Next("hostdev")) : "net" + I(Next("net")));
            }
        }

        for (var i = 0; i < b.Count; i++)
        {
            var d = b[i];
            if (d is InterfaceDevice)
            {
                continue;
            }

            if (d.Info.Alias is not null)
            {
                // Keep the numbering in step with libvirt, which counts user-aliased devices too.
                _ = CountOnly(d, Next);
                continue;
            }

            string? alias = d switch
            {
                VideoDevice => "video" + I(Next("video")),
                InputDevice => "input" + I(Next("input")),
                HostdevDevice => "hostdev" + I(Next("hostdev")),
                SoundDevice => "sound" + I(Next("sound")),
                MemballoonDevice => "balloon" + I(Next("balloon")),
                DiskDevice disk => DiskAlias(disk, def, p),
                FilesystemDevice => "fs" + I(Next("fs")),
                ControllerDevice c => ControllerAlias(c, p),
                ChardevDevice ch => ch.Kind + I(Next(ch.Kind)),
                RngDevice => "rng" + I(Next("rng")),
                WatchdogDevice => "watchdog" + I(Next("watchdog")),
                SmartcardDevice => "smartcard" + I(Next("smartcard")),
                TpmDevice => "tpm" + I(Next("tpm")),
                ShmemDevice => "shmem" + I(Next("shmem")),
                PanicDevice => "panic" + I(Next("panic")),
                VsockDevice => "vsock" + I(Next("vsock")),
                GenericDevice g => g.ElementName switch
                {
                    "redirdev" => "redir" + I(Next("redir")),
                    "filesystem" => "fs" + I(Next("fs")),
                    "hub" => "hub" + I(Next("hub")),
                    "iommu" => "iommu" + I(Next("iommu")),
                    "crypto" => "crypto" + I(Next("crypto")),
                    "memory" => MemoryAlias(g, Next),
                    _ => null,
                },
                _ => null,
            };
            if (alias is not null)
            {
                b[i] = d.WithAlias(alias);
            }
        }

        // The builder is exactly full (ToBuilder sizes it to the devices): its array is handed over, not copied.
        return def with { Devices = b.DrainToImmutable() };
    }

    // Source: libvirt 9.0 qemu_alias.c qemuAssignDeviceMemoryAlias — prefix per memory model;
    // DIMM-slot devices are numbered by their slot, the others in order.
    private static string MemoryAlias(GenericDevice g, Func<string, int> next)
    {
        var model = g.Attr("model");
        var prefix = model switch
        {
            "nvdimm" => "nvdimm",
            "virtio-pmem" => "virtiopmem",
            "virtio-mem" => "virtiomem",
            "sgx-epc" => "epc",
            _ => "dimm",
        };
        if (model is null or "dimm" or "nvdimm" && g.Info.Address is OtherAddress { Type: "dimm" } dimm
            && int.TryParse(dimm.Get("slot"), NumberStyles.None, CultureInfo.InvariantCulture, out var slot))
        {
            return prefix + slot.ToString(CultureInfo.InvariantCulture);
        }

        return prefix + next(prefix).ToString(CultureInfo.InvariantCulture);
    }

    private static int CountOnly(DomainDevice d, Func<string, int> next) => d switch
    {
        VideoDevice => next("video"),
        InputDevice => next("input"),
        HostdevDevice => next("hostdev"),
        ChardevDevice ch => next(ch.Kind),
        _ => 0,
    };

    /// <summary>
    /// A disk's id: bus, controller, bus and unit of its drive address (plus the target on
    /// SCSI controllers other than lsilogic), or bus and target-name index.
    /// </summary>
    private static string DiskAlias(DiskDevice d, DomainDefinition def, PlatformContext p)
    {
        string I(int n) => n.ToString(CultureInfo.InvariantCulture);
        var bus = d.TargetBus ?? "ide";
        if (d.Info.Address is DriveAddress a)
        {
            if (bus == "scsi")
            {
                var ctrl = DomainPreparer.FindController(def.Devices, "scsi", a.Controller);
                if (ctrl is not null && DomainPreparer.ScsiControllerModel(ctrl, p) == "lsilogic")
                {
                    return $"scsi{I(a.Controller)}-{I(a.Bus)}-{I(a.Unit)}";
                }

                return $"scsi{I(a.Controller)}-{I(a.Bus)}-{I(a.Target)}-{I(a.Unit)}";
            }

            return $"{bus}{I(a.Controller)}-{I(a.Bus)}-{I(a.Unit)}";
        }

        return bus + "-disk" + I(DomainPreparer.DiskIndex(d.TargetDev ?? ""));
    }

    /// <summary>The id of a controller: the bus name QEMU gives it.</summary>
    public static string ControllerAlias(ControllerDevice c, PlatformContext p)
    {
        var idx = c.Index.ToString(CultureInfo.InvariantCulture);
        return c.Type switch
        {
            "pci" when c.Model == "pcie-root" => "pcie." + idx,
            "pci" => "pci." + idx,
            "usb" => c.Index == 0 ? "usb" : "usb" + idx,
            "ide" => c.Index == 0 ? "ide" : "ide" + idx,
            "sata" when c.Index == 0 && p.IsQ35 => "ide",
            "sata" => "sata" + idx,
            "fdc" => "fdc" + idx,
            _ => c.Type + idx,
        };
    }
}
