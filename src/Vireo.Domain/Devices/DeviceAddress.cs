namespace Vireo.Domain.Devices;

/// <summary>Where a device sits on its bus: a closed hierarchy, one record per address type.</summary>
public abstract record DeviceAddress
{
    private protected DeviceAddress()
    {
    }

    /// <summary>The libvirt <c>type</c> attribute of this address.</summary>
    public abstract string TypeName { get; }
}
