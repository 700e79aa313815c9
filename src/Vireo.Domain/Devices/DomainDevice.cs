namespace Vireo.Domain.Devices;

/// <summary>
/// A device of the domain: a closed hierarchy, one record per kind. Kinds Vireo does
/// not model yet are <see cref="GenericDevice"/>, kept verbatim.
/// </summary>
public abstract record DomainDevice
{
    private protected DomainDevice()
    {
    }

    /// <summary>Alias, address, boot order.</summary>
    public DeviceInfo Info { get; init; } = DeviceInfo.Empty;

    /// <summary>The element name libvirt uses for this device (disk, video, ...).</summary>
    public abstract string ElementName { get; }

    /// <summary>Returns a copy with a new address.</summary>
    public DomainDevice WithAddress(DeviceAddress? address) => this with { Info = Info with { Address = address } };

    /// <summary>Returns a copy with a new alias.</summary>
    public DomainDevice WithAlias(string? alias) => this with { Info = Info with { Alias = alias } };
}
