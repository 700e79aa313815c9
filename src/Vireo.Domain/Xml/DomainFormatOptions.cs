namespace Vireo.Domain.Xml;

/// <summary>How to write domain XML.</summary>
public sealed record DomainFormatOptions
{
    /// <summary>Write the inactive definition (no live-only data such as aliases).</summary>
    public bool Inactive { get; init; } = true;

    /// <summary>Omit secrets (passwords), as libvirt's <c>VIR_DOMAIN_DEF_FORMAT_SECURE</c> does when unset... kept for parity.</summary>
    public bool Secure { get; init; } = true;

    /// <summary>Default: inactive, secure.</summary>
    public static DomainFormatOptions Default { get; } = new();
}
