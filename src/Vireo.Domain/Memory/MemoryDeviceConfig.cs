using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Memory;

/// <summary>Typed view of a <c>&lt;memory model=...&gt;</c> device (DIMM, NVDIMM, virtio-mem, virtio-pmem, SGX EPC).</summary>
public sealed record MemoryDeviceConfig
{
    /// <summary>dimm, nvdimm, virtio-pmem, virtio-mem or sgx-epc.</summary>
    public required string Model { get; init; }

    /// <summary>shared or private (null = inherit).</summary>
    public string? Access { get; init; }

    /// <summary>yes or no (null = inherit).</summary>
    public string? Discard { get; init; }

    public string? Uuid { get; init; }

    public ulong PageSizeKiB { get; init; }

    public ImmutableSortedSet<int>? SourceNodes { get; init; }

    /// <summary>Backing file (NVDIMM, virtio-pmem).</summary>
    public string? Path { get; init; }

    public ulong AlignSizeKiB { get; init; }

    public bool Pmem { get; init; }

    public ulong SizeKiB { get; init; }

    /// <summary>Guest NUMA node (null = none).</summary>
    public int? TargetNode { get; init; }

    public ulong LabelSizeKiB { get; init; }

    public bool ReadOnly { get; init; }

    public ulong BlockSizeKiB { get; init; }

    public ulong RequestedSizeKiB { get; init; }

    public string? Alias { get; init; }

    /// <summary>DIMM slot, when the device has a DIMM address with a slot.</summary>
    public int? Slot { get; init; }

    /// <summary>DIMM base address, when given.</summary>
    public ulong? Base { get; init; }

    /// <summary>The device's address.</summary>
    public DeviceAddress? Address { get; init; }

    /// <summary>Whether the model plugs into a DIMM slot (pc-dimm, nvdimm).</summary>
    public bool UsesDimmSlot => Model is "dimm" or "nvdimm";

    /// <summary>Reads a memory device; null when <paramref name="dev"/> is not one.</summary>
    public static MemoryDeviceConfig? Read(DomainDevice dev)
    {
        if (dev is not GenericDevice { ElementName: "memory" } g)
        {
            return null;
        }

        var el = g.Element;
        var source = el.Element("source");
        var target = el.Element("target");
        int? slot = null;
        ulong? baseAddr = null;
        if (dev.Info.Address is OtherAddress { Type: "dimm" } dimm)
        {
            slot = int.TryParse(dimm.Get("slot"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
            baseAddr = ParseNumber(dimm.Get("base"));
        }

        return new MemoryDeviceConfig
        {
            Model = (string?)el.Attribute("model") ?? "",
            Access = (string?)el.Attribute("access"),
            Discard = (string?)el.Attribute("discard"),
            Uuid = el.Element("uuid")?.Value.Trim(),
            PageSizeKiB = Size(source?.Element("pagesize")),
            SourceNodes = source?.Element("nodemask")?.Value is { } nm ? NodeSet.TryParse(nm.Trim()) : null,
            Path = source?.Element("path")?.Value.Trim(),
            AlignSizeKiB = Size(source?.Element("alignsize")),
            Pmem = source?.Element("pmem") is not null,
            SizeKiB = Size(target?.Element("size")),
            TargetNode = int.TryParse(target?.Element("node")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var node) ? node : null,
            LabelSizeKiB = Size(target?.Element("label")?.Element("size")),
            ReadOnly = target?.Element("readonly") is not null,
            BlockSizeKiB = Size(target?.Element("block")),
            RequestedSizeKiB = Size(target?.Element("requested")),
            Alias = dev.Info.Alias,
            Slot = slot,
            Base = baseAddr,
            Address = dev.Info.Address,
        };
    }

    private static ulong Size(XElement? el)
    {
        if (el is null || !ulong.TryParse(el.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v))
        {
            return 0;
        }

        return MemoryBackingConfig.ScaleToKiB(v, (string?)el.Attribute("unit"));
    }

    private static ulong? ParseNumber(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}
