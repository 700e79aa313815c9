namespace Vireo.Domain.Devices;

/// <summary>virtio transport options shared by virtio devices (<c>&lt;driver iommu= ats= packed= page_per_vq=/&gt;</c>), on/off.</summary>
public sealed record VirtioOptions
{
    public string? Iommu { get; init; }

    public string? Ats { get; init; }

    public string? Packed { get; init; }

    public string? PagePerVq { get; init; }

    /// <summary>True when no option is set.</summary>
    public bool IsEmpty => Iommu is null && Ats is null && Packed is null && PagePerVq is null;
}
