namespace Vireo.Qemu.DomainCapabilities;

/// <summary>A <c>&lt;features&gt;</c> entry that is only yes/no (vmcoreinfo, genid, backup, ...).</summary>
public sealed record DomainCapsSimpleFeature(string Name, bool Supported);
