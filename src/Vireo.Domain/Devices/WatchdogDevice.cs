namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;watchdog&gt;</c> timer device and what happens when it fires.</summary>
public sealed record WatchdogDevice : DomainDevice
{
    /// <summary>i6300esb, ib700, diag288.</summary>
    public required string Model { get; init; }

    /// <summary>reset, shutdown, poweroff, pause, dump, none, inject-nmi (null = reset).</summary>
    public string? Action { get; init; }

    /// <inheritdoc/>
    public override string ElementName => "watchdog";
}
