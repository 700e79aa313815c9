namespace Vireo.Domain.Devices;

/// <summary>A pSeries VIO bus address.</summary>
public sealed record SpaprVioAddress(ulong? Reg) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => "spapr-vio";
}
