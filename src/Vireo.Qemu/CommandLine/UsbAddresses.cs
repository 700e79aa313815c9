using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Hands out USB ports at start time (libvirt does this when the domain starts, not when
/// it is defined): hubs, host devices, disks, card readers, input, serial, audio, redirection.
/// </summary>
public static class UsbAddresses
{
    // The order in which kinds of USB devices get their ports.
    private static readonly string[] KindOrder = ["hub", "hostdev", "disk", "controller", "input", "serial", "sound", "redirdev"];

    /// <summary>Returns the definition with a USB address on every USB device that lacks one.</summary>
    public static DomainDefinition Assign(DomainDefinition def)
    {
        var usb0 = Preparation.DomainPreparer.FindController(def.Devices, "usb", 0);
        if (usb0 is null || usb0.Model == "none")
        {
            return def;
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in def.Devices)
        {
            if (d.Info.Address is UsbAddress { Port: { } port })
            {
                used.Add(port);
            }
        }

        var b = def.Devices.ToBuilder();
        var next = 1;
        var changed = false;
        foreach (var kind in KindOrder)
        {
            for (var i = 0; i < b.Count; i++)
            {
                var d = b[i];
                if (d.ElementName != kind || !IsUsb(d) || d.Info.Address is UsbAddress { Port: not null })
                {
                    continue;
                }

                string port;
                while (used.Contains(port = next.ToString(CultureInfo.InvariantCulture)))
                {
                    next++;
                }

                used.Add(port);
                b[i] = d.WithAddress(new UsbAddress(0, port));
                changed = true;
            }
        }

        // The builder is exactly full (ToBuilder sizes it to the devices): its array is handed over, not copied.
        return changed ? def with { Devices = b.DrainToImmutable() } : def;
    }

    private static bool IsUsb(DomainDevice d) => d switch
    {
        InputDevice i => i.Bus == "usb",
        DiskDevice disk => disk.TargetBus == "usb",
        HostdevDevice h => h.Type == "usb",
        SoundDevice s => s.Model == "usb",
        ChardevDevice { Kind: "serial", TargetType: "usb-serial" } => true,
        ControllerDevice c => c.Type == "ccid",
        GenericDevice g => g.ElementName is "redirdev" or "hub" && g.Attr("bus") is null or "usb" || g.ElementName == "hub",
        _ => false,
    };
}
