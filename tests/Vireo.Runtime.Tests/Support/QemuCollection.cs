namespace Vireo.Runtime.Tests.Support;

/// <summary>
/// Tests that boot real guests run one class at a time (the boot-display matrix runs its
/// own guests 3 at a time), so a 2-core CI machine is not swamped by TCG guests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QemuCollection
{
    public const string Name = "real QEMU guests";
}
