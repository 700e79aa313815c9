using System.Collections.Immutable;

namespace Vireo.Qemu.Firmware;

/// <summary>One <c>targets[]</c> entry of a firmware descriptor: an arch (libvirt name) and machine-type globs.</summary>
public sealed record FirmwareTarget(string Architecture, ImmutableArray<string> Machines);
