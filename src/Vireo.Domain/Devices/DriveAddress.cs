namespace Vireo.Domain.Devices;

/// <summary>A drive address on an IDE/SATA/SCSI/FDC controller.</summary>
public sealed record DriveAddress(int Controller, int Bus, int Target, int Unit) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => "drive";
}
