using System.Collections.Immutable;
using Vireo.Domain.Devices;

namespace Vireo.Qemu.Preparation;

/// <summary>Device queries of the preparation steps that run for every domain.</summary>
public static partial class DomainPreparer
{
    /// <summary>
    /// True when a device of kind <typeparamref name="T"/> (matching <paramref name="predicate"/>,
    /// when given) is in the list: <c>OfType&lt;T&gt;().Any(...)</c> without boxing the array or
    /// allocating iterators (pass a static lambda and nothing is allocated).
    /// </summary>
    internal static bool HasDevice<T>(ImmutableArray<DomainDevice> devices, Func<T, bool>? predicate = null)
        where T : DomainDevice
    {
        foreach (var d in devices)
        {
            if (d is T t && (predicate is null || predicate(t)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the list has a controller of this type and index.</summary>
    private static bool HasControllerIn(ImmutableArray<DomainDevice> devices, string type, int index) =>
        FindController(devices, type, index) is not null;

    /// <summary>The first controller of this type and index, or null (no LINQ, no closure).</summary>
    internal static ControllerDevice? FindController(ImmutableArray<DomainDevice> devices, string type, int index)
    {
        foreach (var d in devices)
        {
            if (d is ControllerDevice c && c.Type == type && c.Index == index)
            {
                return c;
            }
        }

        return null;
    }
}
