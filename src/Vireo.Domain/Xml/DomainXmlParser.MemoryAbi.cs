using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Memory;
using Vireo.Domain.Numa;

namespace Vireo.Domain.Xml;

/// <summary>
/// Memory sizes under an ABI update: on PPC64, memory modules are rounded to the 256 MiB
/// LMB size (NVDIMMs keep their label and round the guest area down), and a guest with NUMA
/// cells gets its total from the cells plus the modules.
/// </summary>
public static partial class DomainXmlParser
{
    // Source: libvirt 9.0 qemu_domain.c — pSeries memory granularity (logical memory block).
    private const ulong PSeriesLmbKiB = 256UL * 1024;

    private static DomainDefinition ApplyAbiUpdate(DomainDefinition def)
    {
        if (def.Os.Arch is "ppc64" or "ppc64le")
        {
            var devices = def.Devices.ToBuilder();
            for (var i = 0; i < devices.Count; i++)
            {
                if (devices[i] is not GenericDevice { ElementName: "memory" } g || MemoryDeviceConfig.Read(g) is not { } m)
                {
                    continue;
                }

                var size = m.Model == "nvdimm" ? PSeriesNvdimmSize(m) : (m.SizeKiB + PSeriesLmbKiB - 1) / PSeriesLmbKiB * PSeriesLmbKiB;
                var el = new XElement(g.Element);
                el.Element("target")?.Element("size")?.ReplaceAll(new XAttribute("unit", "KiB"), size.ToString(CultureInfo.InvariantCulture));
                devices[i] = g with { Element = el };
            }

            def = def with { Devices = devices.ToImmutable() };
        }

        var numaTotal = GuestNuma.Read(def.Cpu?.Numa).TotalMemoryKiB;
        if (numaTotal > 0)
        {
            var hotplug = def.Devices.Select(MemoryDeviceConfig.Read).OfType<MemoryDeviceConfig>().Aggregate(0UL, (s, d) => s + d.SizeKiB);
            def = def with { MemoryKiB = numaTotal + hotplug };
        }

        return def;
    }

    /// <summary>A pSeries NVDIMM's size: the guest area (size minus label) rounded down to 256 MiB, plus the label.</summary>
    private static ulong PSeriesNvdimmSize(MemoryDeviceConfig m)
    {
        if (m.SizeKiB < PSeriesLmbKiB + m.LabelSizeKiB)
        {
            throw DomainConfigException.Xml("minimum target size for the NVDIMM must be 256MB plus the label size");
        }

        return ((m.SizeKiB - m.LabelSizeKiB) / PSeriesLmbKiB * PSeriesLmbKiB) + m.LabelSizeKiB;
    }
}
