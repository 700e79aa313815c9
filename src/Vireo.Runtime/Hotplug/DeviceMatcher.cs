using Vireo.Domain;
using Vireo.Domain.Devices;

namespace Vireo.Runtime.Hotplug;

/// <summary>Finds the device of a live definition that a device description names (libvirt's detach matching, simplified).</summary>
public static class DeviceMatcher
{
    /// <summary>The matching device, or null.</summary>
    public static DomainDevice? Find(DomainDefinition live, DomainDevice wanted)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(wanted);
        var candidates = live.Devices.Where(d => d.GetType() == wanted.GetType() && d.ElementName == wanted.ElementName).ToList();
        if (wanted.Info.Alias is { } alias)
        {
            return candidates.FirstOrDefault(d => d.Info.Alias == alias);
        }

        if (wanted.Info.Address is { } address)
        {
            return candidates.FirstOrDefault(d => Equals(d.Info.Address, address));
        }

        return wanted switch
        {
            DiskDevice disk when disk.TargetDev is { } dev => candidates.OfType<DiskDevice>().FirstOrDefault(d => d.TargetDev == dev),
            InterfaceDevice nic when nic.Mac is { } mac => candidates.OfType<InterfaceDevice>().FirstOrDefault(n => string.Equals(n.Mac, mac, StringComparison.OrdinalIgnoreCase)),
            HostdevDevice { SourcePci: { } pci } => candidates.OfType<HostdevDevice>().FirstOrDefault(h => Equals(h.SourcePci, pci)),
            HostdevDevice { Source: { } source } => candidates.OfType<HostdevDevice>().FirstOrDefault(h => h.Source is { } s && System.Xml.Linq.XNode.DeepEquals(s, source)),
            InputDevice input => Single(candidates.OfType<InputDevice>().Where(i => i.Type == input.Type && (input.Bus is null || i.Bus == input.Bus))),
            _ => null,
        };
    }

    private static DomainDevice? Single(IEnumerable<DomainDevice> matches)
    {
        var list = matches.Take(2).ToList();
        return list.Count == 1 ? list[0] : null;
    }
}
