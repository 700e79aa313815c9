using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Addressing;

/// <summary>
/// Gives every device that needs one a bus address: PCI (adding root ports/bridges
/// when needed), virtio-serial ports, s390 CCW device numbers, pSeries VIO registers.
/// </summary>
public static partial class AddressAssigner
{
    /// <summary>Assigns addresses, returning a new definition (possibly with added controllers).</summary>
    public static DomainDefinition Assign(DomainDefinition def, PlatformContext p)
    {
        def = PrimeArmVirtioMmio(def, p);
        def = AssignVirtioSerial(def);

        // sPAPR VIO devices (an ibmvscsi controller can be asked for on any machine) are
        // placed first, so that PCI assignment leaves them alone.
        def = AssignSpaprVio(def);
        if (p.IsS390)
        {
            def = AssignCcw(def);
        }
        else if (SupportsPci(def, p))
        {
            def = AssignPci(def, p);
        }

        // A serial console is the serial port itself: it shows the port's address too.
        return def with { Devices = DomainPreparer.MirrorSerialConsoles(def.Devices, withAddresses: true) };
    }

    private static bool SupportsPci(DomainDefinition def, PlatformContext p) =>
        def.DevicesOf<ControllerDevice>().Any(c => c.Type == "pci" && c.Model is "pci-root" or "pcie-root");

    // A virtio-serial controller without ports='N' offers 31 ports.
    private const int DefaultVirtioSerialPorts = 31;

    /// <summary>
    /// Gives virtio channels a port: the first free one (port 0 is kept for consoles) on the
    /// controllers in index order, adding a controller when all are full. Consoles are left
    /// to QEMU.
    /// </summary>
    private static DomainDefinition AssignVirtioSerial(DomainDefinition def)
    {
        var devices = def.Devices.ToBuilder();
        var ports = new SortedDictionary<int, bool[]>();
        foreach (var c in devices.OfType<ControllerDevice>().Where(c => c.Type == "virtio-serial"))
        {
            ports[c.Index] = new bool[Math.Max(1, c.Ports ?? DefaultVirtioSerialPorts)];
        }

        foreach (var d in devices)
        {
            if (d.Info.Address is VirtioSerialAddress a && ports.TryGetValue(a.Controller, out var used) && a.Port >= 0 && a.Port < used.Length)
            {
                used[a.Port] = true;
            }
        }

        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is not ChardevDevice { Kind: "channel", TargetType: "virtio" } ch
                || ch.Info.Address is VirtioSerialAddress { Port: not 0 })
            {
                continue;
            }

            int controller;
            int port;
            if (ch.Info.Address is VirtioSerialAddress partial && ports.TryGetValue(partial.Controller, out var only))
            {
                controller = partial.Controller;
                port = Array.FindIndex(only, 1, u => !u);
                if (port < 0)
                {
                    throw Domain.Errors.DomainConfigException.Xml($"virtio-serial controller {partial.Controller} has no free port");
                }
            }
            else
            {
                controller = -1;
                port = -1;
                foreach (var (idx, used) in ports)
                {
                    port = used.Length > 1 ? Array.FindIndex(used, 1, u => !u) : -1;
                    if (port >= 0)
                    {
                        controller = idx;
                        break;
                    }
                }

                if (controller < 0)
                {
                    controller = 0;
                    while (ports.ContainsKey(controller))
                    {
                        controller++;
                    }

                    ports[controller] = new bool[DefaultVirtioSerialPorts];
                    devices.Add(new ControllerDevice { Type = "virtio-serial", Index = controller });
                    port = 1;
                }
            }

            ports[controller][port] = true;
            devices[i] = ch.WithAddress(new VirtioSerialAddress(controller, 0, port));
        }

        return def with { Devices = devices.ToImmutable() };
    }

    private static DomainDefinition AssignCcw(DomainDefinition def)
    {
        var used = new HashSet<int>();
        foreach (var d in def.Devices)
        {
            if (d.Info.Address is CcwAddress c)
            {
                used.Add(c.Devno);
            }
        }

        var devices = def.Devices.ToBuilder();
        var next = 0;
        foreach (var i in CcwOrder(devices))
        {
            while (used.Contains(next))
            {
                next++;
            }

            used.Add(next);
            devices[i] = devices[i].WithAddress(new CcwAddress(0xfe, 0, next));
        }

        return def with { Devices = devices.ToImmutable() };
    }

    private static IEnumerable<int> CcwOrder(ImmutableArray<DomainDevice>.Builder devices)
    {
        string[] order = ["disk", "interface", "hostdev", "video", "controller", "input", "filesystem", "watchdog", "memballoon", "rng", "vsock"];
        foreach (var kind in order)
        {
            for (var i = 0; i < devices.Count; i++)
            {
                var d = devices[i];
                if (d.ElementName != kind || d.Info.Address is not null || !WantsCcw(d))
                {
                    continue;
                }

                yield return i;
            }
        }
    }

    private static bool WantsCcw(DomainDevice d) => d switch
    {
        DiskDevice disk => disk.TargetBus == "virtio",
        FilesystemDevice => true,
        VideoDevice v => v.ModelType == "virtio",
        ControllerDevice c => c.Type is "virtio-serial" || (c.Type == "scsi" && c.Model is "virtio-scsi" or null),
        MemballoonDevice m => m.Model.StartsWith("virtio", StringComparison.Ordinal),
        InputDevice i => i.Bus == "virtio",
        InterfaceDevice n => n.Type != "hostdev",
        HostdevDevice h => h.Type == "mdev" && h.Model == "vfio-ccw",
        RngDevice => true,
        VsockDevice => true,
        _ => false,
    };

    private static DomainDefinition AssignSpaprVio(DomainDefinition def)
    {
        var devices = def.Devices.ToBuilder();
        var used = new HashSet<ulong>(devices.Select(d => d.Info.Address).OfType<SpaprVioAddress>().Where(a => a.Reg is not null).Select(a => a.Reg!.Value));

        // Each kind of VIO device starts from its own register and takes the next free one.
        void Place(Func<DomainDevice, bool> wants, ulong start)
        {
            for (var i = 0; i < devices.Count; i++)
            {
                if (wants(devices[i]) && devices[i].Info.Address is null or SpaprVioAddress { Reg: null })
                {
                    var reg = start;
                    while (used.Contains(reg))
                    {
                        reg += 0x1000;
                    }

                    used.Add(reg);
                    devices[i] = devices[i].WithAddress(new SpaprVioAddress(reg));
                }
            }
        }

        Place(d => d is InterfaceDevice { Model: "spapr-vlan" }, 0x1000);
        Place(d => d is ControllerDevice { Type: "scsi", Model: "ibmvscsi" or null }, 0x2000);
        Place(d => d is ChardevDevice { Kind: "serial", TargetType: "spapr-vio-serial" }, 0x30000000);
        Place(d => d is TpmDevice { Model: "tpm-spapr" }, 0x4000);

        return def with { Devices = devices.ToImmutable() };
    }
}
