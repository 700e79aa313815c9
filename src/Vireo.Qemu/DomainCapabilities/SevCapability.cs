namespace Vireo.Qemu.DomainCapabilities;

/// <summary>AMD SEV platform data as recorded in a capabilities file (<c>&lt;sev&gt;</c>).</summary>
public sealed record SevCapability
{
    public int CBitPos { get; init; }

    public int ReducedPhysBits { get; init; }

    public string Pdh { get; init; } = "";

    public string CertChain { get; init; } = "";

    /// <summary>Optional CPU0 identifier.</summary>
    public string? Cpu0Id { get; init; }
}
