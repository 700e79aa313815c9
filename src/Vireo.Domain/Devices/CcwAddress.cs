namespace Vireo.Domain.Devices;

/// <summary>An s390 channel-subsystem address.</summary>
public sealed record CcwAddress(int Cssid, int Ssid, int Devno) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => "ccw";
}
