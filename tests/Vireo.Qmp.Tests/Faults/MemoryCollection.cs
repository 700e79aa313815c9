namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// Tests that measure the process's allocations: they run on their own, after the parallel
/// ones, so that nothing else allocates meanwhile.
/// </summary>
[CollectionDefinition(nameof(MemoryCollection), DisableParallelization = true)]
public sealed class MemoryCollection
{
}
