namespace Vireo.Capabilities;

/// <summary>One machine type as QEMU reports it (<c>query-machines</c>), per accelerator.</summary>
public sealed record MachineType
{
    public required string Name { get; init; }

    public Accelerator Accelerator { get; init; }

    public string? Alias { get; init; }

    public bool HotplugCpus { get; init; }

    public int MaxCpus { get; init; }

    public bool IsDefault { get; init; }

    public bool NumaMemSupported { get; init; }

    public string? DefaultCpu { get; init; }

    public string? DefaultRamId { get; init; }

    public bool Deprecated { get; init; }

    /// <summary>ACPI support as recorded (null = unknown).</summary>
    public bool? Acpi { get; init; }
}
