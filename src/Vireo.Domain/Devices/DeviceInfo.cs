using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>What every device can carry: alias, bus address, boot order, ROM and ACPI settings.</summary>
public sealed record DeviceInfo
{
    /// <summary>An empty info block.</summary>
    public static DeviceInfo Empty { get; } = new();

    /// <summary>Device alias (QEMU id); user aliases start with <c>ua-</c>.</summary>
    public string? Alias { get; init; }

    public DeviceAddress? Address { get; init; }

    /// <summary>Per-device boot order (<c>&lt;boot order='N'/&gt;</c>).</summary>
    public int? BootOrder { get; init; }

    public string? BootLoadParm { get; init; }

    /// <summary>The <c>&lt;rom&gt;</c> element, verbatim.</summary>
    public XElement? Rom { get; init; }

    public int? AcpiIndex { get; init; }
}
