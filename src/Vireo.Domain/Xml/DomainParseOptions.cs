namespace Vireo.Domain.Xml;

/// <summary>How to read domain XML.</summary>
public sealed record DomainParseOptions
{
    /// <summary>
    /// Parse as an inactive (persistent) definition: runtime-only data such as
    /// device aliases is ignored, as libvirt's <c>VIR_DOMAIN_DEF_PARSE_INACTIVE</c> does.
    /// </summary>
    public bool Inactive { get; init; } = true;

    /// <summary>Largest accepted document, in bytes (default 10 MiB).</summary>
    public long MaxBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Deepest accepted element nesting.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>
    /// Most child elements accepted in &lt;devices&gt; (default 4096). libvirt sets no such
    /// limit, but no real guest comes near it (the largest domain in libvirt 9.0's test corpus
    /// has about 250 devices) and QEMU runs out of PCI slots and USB ports long before; the
    /// bound keeps every later pass over the device list cheap on hostile input.
    /// </summary>
    public int MaxDevices { get; init; } = 4096;

    /// <summary>
    /// Source of random bytes for values libvirt generates while parsing (a missing UUID,
    /// <c>&lt;genid/&gt;</c>). Defaults to a cryptographic generator; a test harness can pin it.
    /// </summary>
    public Func<int, byte[]> RandomBytes { get; init; } = System.Security.Cryptography.RandomNumberGenerator.GetBytes;

    /// <summary>
    /// The host's security model, given to a &lt;seclabel&gt; that names none. Vireo does not
    /// drive a security module, so the default is libvirt's 'none' model.
    /// </summary>
    public string HostSecurityModel { get; init; } = "none";

    /// <summary>
    /// Allow changes to the guest ABI while parsing (libvirt's <c>VIR_DOMAIN_DEF_PARSE_ABI_UPDATE</c>):
    /// memory sizes are rounded to what the platform needs and the total follows the parts.
    /// </summary>
    public bool AbiUpdate { get; init; }

    /// <summary>Default options: inactive parse, 10 MiB, depth 64, 4096 devices.</summary>
    public static DomainParseOptions Default { get; } = new();
}
