using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>An x86 CPU model of libvirt's CPU map: vendor (null = any), family/model signatures, features.</summary>
internal sealed record X86CpuModel(
    string Name,
    string? Vendor,
    ImmutableArray<(int Family, int Model)> Signatures,
    ImmutableHashSet<string> Features)
{
    /// <summary>True when one of the signatures has this family and model.</summary>
    public bool MatchesSignature(int family, int model) => Signatures.Any(s => s.Family == family && s.Model == model);
}
