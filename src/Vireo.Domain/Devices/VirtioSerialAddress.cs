namespace Vireo.Domain.Devices;

/// <summary>A port on a virtio-serial controller.</summary>
public sealed record VirtioSerialAddress(int Controller, int Bus, int Port) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => "virtio-serial";
}
