using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>A guest architecture the host can run: its default emulator and the domain types (qemu, kvm, hvf) allowed.</summary>
public sealed record GuestArch(string Arch, string Emulator, ImmutableArray<string> DomainTypes);
