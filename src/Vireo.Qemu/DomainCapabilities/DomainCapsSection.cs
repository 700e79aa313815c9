using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// A section with a <c>supported</c> attribute and enums (memoryBacking, each device,
/// gic, hyperv). <see cref="Supported"/> null means libvirt leaves the element out.
/// </summary>
public sealed record DomainCapsSection
{
    /// <summary>yes/no; null = the element is not printed.</summary>
    public bool? Supported { get; init; }

    /// <summary>The enums in print order (only printed when <see cref="Supported"/> is true).</summary>
    public ImmutableArray<DomainCapsEnum> Enums { get; init; } = [];

    /// <summary>The enum named <paramref name="name"/>, or null.</summary>
    public DomainCapsEnum? Enum(string name) => Enums.FirstOrDefault(e => e.Name == name);

    /// <summary>A section that is printed as <c>supported='no'</c>.</summary>
    public static DomainCapsSection Unsupported { get; } = new() { Supported = false };
}
