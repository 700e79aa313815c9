namespace Vireo.Runtime.Hotplug;

/// <summary>A device removed from a running guest.</summary>
/// <param name="Alias">Its QEMU id.</param>
/// <param name="Elapsed">From the unplug request until QEMU reported the device gone.</param>
public sealed record DetachResult(string Alias, TimeSpan Elapsed);
