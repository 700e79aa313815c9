using System.Collections.Immutable;

namespace Vireo.Domain.Devices;

/// <summary>
/// An address type Vireo passes through without interpreting (virtio-mmio, isa, dimm,
/// unassigned, ...): its type and attributes in order.
/// </summary>
public sealed record OtherAddress(string Type, ImmutableArray<KeyValuePair<string, string>> Attributes) : DeviceAddress
{
    /// <inheritdoc/>
    public override string TypeName => Type;

    /// <summary>An attribute value, or null.</summary>
    public string? Get(string name)
    {
        foreach (var a in Attributes)
        {
            if (a.Key == name)
            {
                return a.Value;
            }
        }

        return null;
    }
}
