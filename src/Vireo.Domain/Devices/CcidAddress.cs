namespace Vireo.Domain.Devices;

/// <summary>A slot on a CCID (smartcard) controller.</summary>
public sealed record CcidAddress(int Controller, int Slot) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => "ccid";
}
