namespace Vireo.Qemu.DomainCapabilities;

/// <summary><c>&lt;os&gt;</c>: the auto-selectable firmware kinds and the loader.</summary>
public sealed record DomainCapsOs
{
    public bool? Supported { get; init; }

    /// <summary>The <c>firmware</c> enum (bios, efi), printed even when empty.</summary>
    public required DomainCapsEnum Firmware { get; init; }

    public required DomainCapsLoader Loader { get; init; }
}
