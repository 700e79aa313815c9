namespace Vireo.Qemu.DomainCapabilities;

/// <summary>A feature of the host-model CPU with its policy (<c>require</c> or <c>disable</c>).</summary>
public sealed record DomainCapsCpuFeature(string Policy, string Name);
