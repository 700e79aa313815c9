using System.Collections.Immutable;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary><c>&lt;os&gt;&lt;loader&gt;</c>: firmware image paths, then the type/readonly/secure enums.</summary>
public sealed record DomainCapsLoader
{
    public bool? Supported { get; init; }

    /// <summary>Firmware image paths, in order, without duplicates.</summary>
    public ImmutableArray<string> Values { get; init; } = [];

    public ImmutableArray<DomainCapsEnum> Enums { get; init; } = [];
}
