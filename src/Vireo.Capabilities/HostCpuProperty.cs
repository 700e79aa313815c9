namespace Vireo.Capabilities;

/// <summary>One property of a host-model CPU expansion.</summary>
public sealed record HostCpuProperty(string Name, string Type, string Value, bool? Migratable);
