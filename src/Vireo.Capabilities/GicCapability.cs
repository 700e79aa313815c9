namespace Vireo.Capabilities;

/// <summary>A GIC version the binary can provide, and how (in-kernel and/or emulated).</summary>
public sealed record GicCapability(int Version, bool Kernel, bool Emulated);
