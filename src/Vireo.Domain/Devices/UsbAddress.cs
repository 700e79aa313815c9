namespace Vireo.Domain.Devices;

/// <summary>A USB address: bus and dotted port path (e.g. "1.2").</summary>
public sealed record UsbAddress(int Bus, string? Port) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => "usb";
}
