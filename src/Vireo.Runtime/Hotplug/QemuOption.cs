namespace Vireo.Runtime.Hotplug;

/// <summary>One option of a QEMU command line with its value, e.g. <c>-device</c> and its JSON.</summary>
/// <param name="Name">The option, with its dash (<c>-device</c>, <c>-blockdev</c>, <c>-netdev</c>, <c>-object</c>, <c>-chardev</c>).</param>
/// <param name="Value">Its argument.</param>
public sealed record QemuOption(string Name, string Value);
