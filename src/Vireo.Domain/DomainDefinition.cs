using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Cpu;
using Vireo.Domain.Devices;
using Vireo.Domain.Os;

namespace Vireo.Domain;

/// <summary>
/// A libvirt domain definition: the typed, immutable model of <c>&lt;domain&gt;</c>.
/// Parts Vireo does not model yet are kept verbatim (<see cref="Extras"/>, raw
/// elements inside records) so that a round trip never drops them.
/// </summary>
public sealed record DomainDefinition
{
    /// <summary>Domain type: qemu, kvm, hvf...</summary>
    public string VirtType { get; init; } = "qemu";

    /// <summary>Live domain id (active XML only).</summary>
    public int? Id { get; init; }

    public required string Name { get; init; }

    /// <summary>Canonical lowercase UUID text.</summary>
    public string? Uuid { get; init; }

    /// <summary>VM generation ID (<c>&lt;genid&gt;</c>), canonical UUID text; generated when the element is empty.</summary>
    public string? GenId { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    /// <summary>The <c>&lt;metadata&gt;</c> element, verbatim.</summary>
    public XElement? Metadata { get; init; }

    /// <summary>Maximum memory (memory hotplug), KiB, with slot count.</summary>
    public ulong? MaxMemoryKiB { get; init; }

    public int? MaxMemorySlots { get; init; }

    /// <summary>Initial memory, KiB (<c>&lt;memory&gt;</c>).</summary>
    public ulong MemoryKiB { get; init; }

    /// <summary>Whether guest memory is included in core dumps (<c>&lt;memory dumpCore&gt;</c>: on/off).</summary>
    public string? MemoryDumpCore { get; init; }

    /// <summary>Current (balloon) memory, KiB.</summary>
    public ulong CurrentMemoryKiB { get; init; }

    /// <summary>The <c>&lt;memoryBacking&gt;</c> element, verbatim (typed accessors in the engine).</summary>
    public XElement? MemoryBacking { get; init; }

    public VcpuConfig Vcpu { get; init; } = new();

    public OsConfig Os { get; init; } = new();

    /// <summary>The features in document order (<c>&lt;acpi/&gt;</c>, <c>&lt;gic version='3'/&gt;</c>...).</summary>
    public ImmutableArray<XElement> Features { get; init; } = [];

    /// <summary>Whether a <c>&lt;features&gt;</c> element was present at all.</summary>
    public bool HasFeaturesElement { get; init; }

    public CpuConfig? Cpu { get; init; }

    public ClockConfig Clock { get; init; } = new();

    public string? OnPoweroff { get; init; }

    public string? OnReboot { get; init; }

    public string? OnCrash { get; init; }

    public string? OnLockFailure { get; init; }

    /// <summary>The <c>&lt;pm&gt;</c> element, verbatim.</summary>
    public XElement? Pm { get; init; }

    /// <summary>Path of the emulator binary (<c>&lt;devices&gt;&lt;emulator&gt;</c>).</summary>
    public string? Emulator { get; init; }

    /// <summary>All devices in document order; the formatter groups them the way libvirt does.</summary>
    public ImmutableArray<DomainDevice> Devices { get; init; } = [];

    /// <summary>Top-level elements Vireo does not model, kept verbatim and written back in libvirt's order.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <summary>Elements inside <c>&lt;devices&gt;</c> that are not devices Vireo knows, kept verbatim.</summary>
    public ImmutableArray<XElement> DeviceExtras { get; init; } = [];

    /// <summary>The first top-level extra element with the given local name (e.g. "sysinfo").</summary>
    public XElement? Extra(string localName) => Named(Extras, localName);

    /// <summary>The feature element with the given name, if present.</summary>
    public XElement? Feature(string name) => Named(Features, name);

    // The first element with this local name; a loop, not a lambda, since this runs very often.
    private static XElement? Named(ImmutableArray<XElement> elements, string localName)
    {
        foreach (var e in elements)
        {
            if (e.Name.LocalName == localName)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>Devices of one kind, in order.</summary>
    public IEnumerable<T> DevicesOf<T>()
        where T : DomainDevice
    {
        // Called very often (validation, addressing, command line), mostly for kinds the
        // domain has none of: answer those without allocating, the rest with one iterator
        // (Enumerable.OfType would box the array and allocate two enumerators).
        var devices = Devices;
        foreach (var d in devices)
        {
            if (d is T)
            {
                return OfKind<T>(devices);
            }
        }

        return [];
    }

    private static IEnumerable<T> OfKind<T>(ImmutableArray<DomainDevice> devices)
        where T : DomainDevice
    {
        foreach (var d in devices)
        {
            if (d is T t)
            {
                yield return t;
            }
        }
    }
}
