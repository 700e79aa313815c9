using Vireo.Domain.Devices;

namespace Vireo.Runtime.Hotplug;

/// <summary>A device plugged into a running guest.</summary>
/// <param name="Alias">Its QEMU id.</param>
/// <param name="Driver">The QEMU device model (<c>virtio-blk-pci</c>, <c>usb-tablet</c>...).</param>
/// <param name="Address">The address it got (as at start).</param>
/// <param name="Commands">The QMP commands sent, in order.</param>
public sealed record AttachResult(string Alias, string Driver, DeviceAddress? Address, IReadOnlyList<string> Commands);
