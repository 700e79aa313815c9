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
    /// <summary>Returns the definition with a USB address on every USB device that lacks one.</summary>
    public static DomainDefinition Assign(DomainDefinition def)
    {
        var usb0 = def.DevicesOf<ControllerDevice>().FirstOrDefault(c => c.Type == "usb" && c.Index == 0);
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
        foreach (var kind in new[] { "hub", "hostdev", "disk", "controller", "input", "serial", "sound", "redirdev" })
        {
            for (var i = 0; i < b.Count; i++)
            {
                var d = b[i];
                if (d.ElementName != kind || !IsUsb(d) || d.Info.Address is UsbAddress { Port: not null })
                {
                    continue;
                }

                while (used.Contains(next.ToString(CultureInfo.InvariantCulture)))
                {
                    next++;
                }

                var port = next.ToString(CultureInfo.InvariantCulture);
                used.Add(port);
                b[i] = d.WithAddress(new UsbAddress(0, port));
            }
        }

        return def with { Devices = b.ToImmutable() };
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
