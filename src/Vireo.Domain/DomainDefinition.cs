namespace Vireo.Domain;

/// <summary>A libvirt domain definition. (stub: being written)</summary>
public sealed record DomainDefinition
{
    public required string Name { get; init; }
}
