namespace Vireo.Probing.Tests;

/// <summary>Tests that start processes run one at a time, so their leak checks see only their own children.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTestsCollection
{
    public const string Name = "processes";
}
