namespace Vireo.Qemu.DomainCapabilities;

/// <summary>One SGX EPC section: NUMA node and size in KiB.</summary>
public sealed record SgxSection(int Node, ulong SizeKiB);
