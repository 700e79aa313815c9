namespace Vireo.Domain.Devices;

/// <summary>A PCI address (domain:bus:slot.function).</summary>
public sealed record PciAddress(int Domain, int Bus, int Slot, int Function) : DeviceAddress
{
    /// <summary>multifunction='on|off' when given.</summary>
    public bool? Multifunction { get; init; }

    /// <summary>zPCI uid, when given (s390).</summary>
    public string? ZpciUid { get; init; }

    /// <summary>zPCI fid, when given (s390).</summary>
    public string? ZpciFid { get; init; }

    /// <inheritdoc/>
    public override string TypeName => "pci";

    /// <summary>QEMU's <c>addr</c> property: <c>0xS</c> or <c>0xS.0xF</c>.</summary>
    public string QemuAddr => Function == 0
        ? "0x" + Slot.ToString("x", System.Globalization.CultureInfo.InvariantCulture)
        : "0x" + Slot.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + ".0x" + Function.ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
