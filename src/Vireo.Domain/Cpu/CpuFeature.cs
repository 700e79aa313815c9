namespace Vireo.Domain.Cpu;

/// <summary>A CPU feature with its policy (require, disable, force, optional, forbid).</summary>
public sealed record CpuFeature(string Policy, string Name);
