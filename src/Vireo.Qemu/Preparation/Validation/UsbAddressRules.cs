using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>
/// USB address rules. libvirt models every USB bus as a tree of hubs (the controller's
/// root ports, then 8 ports per usb-hub) and reserves the ports devices ask for. At define
/// time it only does so when every USB device already names its port; at start it always does.
/// </summary>
internal static class UsbAddressRules
{
    private const int MaxPortDepth = 4;
    private const int HubPorts = 8;

    /// <summary>Port paths must be 1 to 4 dotted numbers.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        foreach (var dev in def.Devices)
        {
            if (dev.Info.Address is UsbAddress { Port: { } port } && ParsePort(port) is null)
            {
                throw Internal("Cannot parse <address> 'port' attribute");
            }
        }
    }

    /// <summary>The define-time check: only when all USB devices have explicit ports.</summary>
    public static void AfterDefaults(DomainDefinition def)
    {
        var devices = UsbDevices(def, includeHubs: true).ToList();
        if (devices.Any(d => PortOf(d) is null))
        {
            return;
        }

        Reserve(def);
    }

    /// <summary>The start-time check: explicit ports, and buses of devices still waiting for one.</summary>
    public static void AtLaunch(DomainDefinition def)
    {
        var buses = Reserve(def);
        foreach (var hub in Hubs(def).Where(h => PortOf(h) is null))
        {
            CheckBus(buses, hub);
        }

        foreach (var dev in UsbDevices(def, includeHubs: false).Where(d => PortOf(d) is null))
        {
            CheckBus(buses, dev);
        }
    }

    private static void CheckBus(Dictionary<int, Hub> buses, DomainDevice dev)
    {
        if (dev.Info.Address is UsbAddress a && !buses.ContainsKey(a.Bus))
        {
            throw Xml($"USB bus {N(a.Bus)} requested but no controller with that index is present");
        }
    }

    private static Dictionary<int, Hub> Reserve(DomainDefinition def)
    {
        // Keyed by controller index: sparse, so a huge index costs nothing.
        var buses = new Dictionary<int, Hub>();
        var usb = def.DevicesOf<ControllerDevice>().Where(c => c.Type == "usb").ToList();
        var taken = usb.Where(c => c.Index >= 0).Select(c => c.Index).ToHashSet();
        foreach (var c in usb)
        {
            // A controller written without an index gets the lowest free one.
            var index = c.Index;
            if (index < 0)
            {
                index = 0;
                while (taken.Contains(index))
                {
                    index++;
                }

                taken.Add(index);
            }

            var ports = RootPorts(c);
            if (ports == 0)
            {
                continue;
            }

            if (buses.ContainsKey(index))
            {
                throw Xml($"Duplicate USB controllers with index {N(index)}");
            }

            buses[index] = new Hub(ports);
        }

        foreach (var hub in Hubs(def))
        {
            if (PortOf(hub) is not { } path)
            {
                continue;
            }

            var a = (UsbAddress)hub.Info.Address!;
            var (parent, index) = FindPort(buses, a.Bus, path);
            if (parent.Children[index] is not null)
            {
                throw Xml($"Duplicate USB hub on bus {N(a.Bus)} port {Format(path)}");
            }

            parent.Used[index] = true;
            parent.Children[index] = new Hub(HubPorts);
        }

        foreach (var dev in UsbDevices(def, includeHubs: false))
        {
            if (PortOf(dev) is not { } path)
            {
                continue;
            }

            var a = (UsbAddress)dev.Info.Address!;
            var (parent, index) = FindPort(buses, a.Bus, path);
            if (parent.Used[index])
            {
                throw Xml($"Duplicate USB address bus {N(a.Bus)} port {Format(path)}");
            }

            parent.Used[index] = true;
        }

        return buses;
    }

    private static (Hub Parent, int Index) FindPort(Dictionary<int, Hub> buses, int bus, int[] path)
    {
        if (!buses.TryGetValue(bus, out var hub))
        {
            throw Xml($"USB bus {N(bus)} requested but no controller with that index is present");
        }

        var text = Format(path);
        for (var i = 0; i < path.Length - 1; i++)
        {
            var portIndex = path[i] - 1;
            if (portIndex < 0 || portIndex >= hub.Ports)
            {
                throw Xml($"port {N(path[i])} out of range in USB address bus: {N(bus)} port: {text}");
            }

            hub = hub.Children[portIndex]
                ?? throw Xml($"there is no hub at port {N(path[i])} in USB address bus: {N(bus)} port: {text}");
        }

        var target = path[^1] - 1;
        if (target < 0 || target >= hub.Ports)
        {
            throw Xml($"requested USB port {text} not present on USB bus {N(bus)}");
        }

        return (hub, target);
    }

    // Root ports libvirt gives each controller model; companions share their master's bus.
    private static int RootPorts(ControllerDevice c) => c.Model switch
    {
        null or "piix3-uhci" or "piix4-uhci" or "vt82c686b-uhci" => 2,
        "ehci" or "ich9-ehci1" => 6,
        "pci-ohci" => c.Ports ?? 3,
        "nec-xhci" or "qemu-xhci" => c.Ports ?? 4,
        _ => 0,
    };

    private static IEnumerable<GenericDevice> Hubs(DomainDefinition def) =>
        def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "hub" && (g.Attr("type") ?? "usb") == "usb");

    // The devices libvirt places on USB ports, in the order it visits them.
    private static IEnumerable<DomainDevice> UsbDevices(DomainDefinition def, bool includeHubs)
    {
        if (includeHubs)
        {
            foreach (var h in Hubs(def))
            {
                yield return h;
            }
        }

        foreach (var h in def.DevicesOf<HostdevDevice>().Where(h => h.Mode == "subsystem" && h.Type == "usb"))
        {
            yield return h;
        }

        foreach (var d in def.DevicesOf<DiskDevice>().Where(d => DiskRules.Bus(d) == "usb"))
        {
            yield return d;
        }

        foreach (var c in def.DevicesOf<ControllerDevice>().Where(c => c.Type == "ccid"))
        {
            yield return c;
        }

        foreach (var i in def.DevicesOf<InputDevice>().Where(i => i.Bus == "usb"))
        {
            yield return i;
        }

        foreach (var s in def.DevicesOf<ChardevDevice>().Where(s => s.Kind == "serial" && s.TargetType == "usb-serial"))
        {
            yield return s;
        }

        foreach (var s in def.DevicesOf<SoundDevice>().Where(s => s.Model == "usb"))
        {
            yield return s;
        }

        foreach (var r in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "redirdev" && (g.Attr("bus") ?? "usb") == "usb"))
        {
            yield return r;
        }
    }

    // The port path of a device with a usable USB port, else null.
    private static int[]? PortOf(DomainDevice d)
    {
        if (d.Info.Address is not UsbAddress { Port: { } port } || ParsePort(port) is not { } path)
        {
            return null;
        }

        return path[0] == 0 ? null : path;
    }

    /// <summary>Parses "1.2.3" into its components (trailing zeros dropped); null when malformed.</summary>
    internal static int[]? ParsePort(string port)
    {
        var parts = port.Split('.');
        if (parts.Length > MaxPortDepth)
        {
            return null;
        }

        var values = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part.TrimStart(' ', '\t'), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                return null;
            }

            values.Add(v);
        }

        while (values.Count > 1 && values[^1] == 0)
        {
            values.RemoveAt(values.Count - 1);
        }

        return [.. values];
    }

    private static string Format(int[] path) => string.Join('.', path.Select(p => N(p)));

    private sealed class Hub(int ports)
    {
        public int Ports { get; } = ports;

        public bool[] Used { get; } = new bool[ports];

        public Hub?[] Children { get; } = new Hub?[ports];
    }
}
