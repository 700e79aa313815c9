using System.Collections.Immutable;

namespace Vireo.Domain.Devices;

/// <summary>
/// Keeps controllers in libvirt's order: a controller is placed after the last one of
/// its type, before the first of its type with a higher index (libvirt inserts them
/// this way both when parsing and when adding implicit controllers). Only the relative
/// order of controllers inside the device list changes.
/// </summary>
public static class ControllerOrder
{
    /// <summary>Re-inserts every controller, in document order, with the insertion rule.</summary>
    public static ImmutableArray<DomainDevice> Normalize(ImmutableArray<DomainDevice> devices)
    {
        var ordered = new List<ControllerDevice>();
        foreach (var c in devices.OfType<ControllerDevice>())
        {
            Insert(ordered, c);
        }

        return Replace(devices, ordered);
    }

    /// <summary>Adds a controller to a device list at the place libvirt would insert it.</summary>
    public static ImmutableArray<DomainDevice> Add(ImmutableArray<DomainDevice> devices, ControllerDevice controller)
    {
        var ordered = devices.OfType<ControllerDevice>().ToList();
        Insert(ordered, controller);
        var withSlot = devices.Add(controller);
        return Replace(withSlot, ordered);
    }

    /// <summary>
    /// Adds controllers one after the other, as repeated <see cref="Add"/> calls would, but
    /// copying the device list once instead of once per controller.
    /// </summary>
    public static ImmutableArray<DomainDevice> AddRange(ImmutableArray<DomainDevice> devices, IEnumerable<ControllerDevice> controllers)
    {
        ArgumentNullException.ThrowIfNull(controllers);
        List<ControllerDevice>? ordered = null;
        ImmutableArray<DomainDevice>.Builder? withSlots = null;
        foreach (var controller in controllers)
        {
            ordered ??= devices.OfType<ControllerDevice>().ToList();
            withSlots ??= devices.ToBuilder();
            Insert(ordered, controller);
            withSlots.Add(controller);
        }

        return ordered is null || withSlots is null ? devices : Replace(withSlots.ToImmutable(), ordered);
    }

    /// <summary>The insertion rule on a list of controllers.</summary>
    public static void Insert(List<ControllerDevice> controllers, ControllerDevice controller)
    {
        var insertAt = -1;
        for (var i = controllers.Count - 1; i >= 0; i--)
        {
            var current = controllers[i];
            if (current.Type == controller.Type)
            {
                if (controller.Index == -1)
                {
                    insertAt = i + 1;
                    break;
                }

                if (current.Index > controller.Index)
                {
                    insertAt = i;
                }
            }
        }

        if (insertAt < 0)
        {
            controllers.Add(controller);
        }
        else
        {
            controllers.Insert(insertAt, controller);
        }
    }

    private static ImmutableArray<DomainDevice> Replace(ImmutableArray<DomainDevice> devices, List<ControllerDevice> ordered)
    {
        var b = ImmutableArray.CreateBuilder<DomainDevice>(devices.Length);
        var next = 0;
        foreach (var d in devices)
        {
            b.Add(d is ControllerDevice ? ordered[next++] : d);
        }

        return b.MoveToImmutable();
    }
}
