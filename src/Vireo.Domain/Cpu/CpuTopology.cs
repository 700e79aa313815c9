namespace Vireo.Domain.Cpu;

/// <summary>The <c>&lt;topology&gt;</c> of a CPU.</summary>
public sealed record CpuTopology(int Sockets, int Dies, int Cores, int Threads, bool HasDies);
