namespace Vireo.Qemu.DomainCapabilities;

/// <summary>The SEV data domain capabilities print: platform data plus the guest counts the host allows.</summary>
public sealed record SevDomainCapability
{
    public int CBitPos { get; init; }

    public int ReducedPhysBits { get; init; }

    public int MaxGuests { get; init; }

    public int MaxEsGuests { get; init; }

    public string? Cpu0Id { get; init; }
}
