using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>
/// One row of the test harness' fake emulator table (SPEC.md §1.3.2 step 7): an arch,
/// its emulator path, the machine names it gets (first = preferred), and which
/// accelerated types it offers besides TCG.
/// </summary>
/// <param name="Arch">libvirt arch name.</param>
/// <param name="Emulator">Emulator binary path.</param>
/// <param name="Machines">Fake machine names, preferred first.</param>
/// <param name="KvmOnLinux">Whether a Linux host offers KVM for this arch.</param>
/// <param name="HvfOnMacos">Whether a macOS host offers HVF for this arch.</param>
public sealed record FakeArch(string Arch, string Emulator, ImmutableArray<string> Machines, bool KvmOnLinux, bool HvfOnMacos);
