namespace Vireo.Probing;

/// <summary>What the TCG-only session needs to know from the main session before it expands the host CPU.</summary>
internal sealed record PrimaryFacts(string Arch, bool HasCpuModelExpansion, bool CanonicalCpuFeatures);
