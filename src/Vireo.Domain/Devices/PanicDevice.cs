namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;panic&gt;</c> notifier the guest uses to report a crash.</summary>
public sealed record PanicDevice : DomainDevice
{
    /// <summary>isa, pseries, hyperv, s390, pvpanic (null until defaulted).</summary>
    public string? Model { get; init; }

    /// <inheritdoc/>
    public override string ElementName => "panic";
}
