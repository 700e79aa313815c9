using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// One <c>&lt;enum name='...'&gt;</c> of a domain-capabilities section: its name and the
/// values set, already in libvirt's enum order (the order libvirt prints them).
/// </summary>
public sealed record DomainCapsEnum(string Name, ImmutableArray<string> Values)
{
    /// <summary>True when the enum lists <paramref name="value"/>.</summary>
    public bool Contains(string value) => Values.Contains(value, StringComparer.Ordinal);
}
