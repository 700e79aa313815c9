using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>Builds the host description the conformance harness uses (SPEC.md §1.3.3).</summary>
public static class HostInfoFactory
{
    // SPEC.md §1.3.3: armv6l and ppc64le guests exist too, served by their aliased emulator.
    private static readonly ImmutableArray<string> AliasGuestArches = ["armv6l", "ppc64le"];

    /// <summary>
    /// One guest per fake arch (table order), then the alias arches armv6l and ppc64le, each
    /// with its fake emulator. Domain types: <c>qemu</c>, <c>kvm</c> on Linux;
    /// <c>qemu</c>, <c>hvf</c> on macOS for x86_64/aarch64 and only <c>qemu</c> for other
    /// arches on macOS.
    /// </summary>
    /// <param name="hostOs"><c>linux</c> or <c>macos</c>.</param>
    public static ImmutableArray<GuestArch> CorpusGuests(string hostOs)
    {
        ArgumentNullException.ThrowIfNull(hostOs);
        var guests = ImmutableArray.CreateBuilder<GuestArch>();
        foreach (var arch in FlagListCapabilities.FakeArches.Concat(AliasGuestArches))
        {
            var row = FlagListCapabilities.FindArch(arch)!;
            guests.Add(new GuestArch(arch, row.Emulator, DomainTypesFor(row, hostOs)));
        }

        return guests.ToImmutable();
    }

    /// <summary>
    /// The harness host: x86_64 (or the given arch) on the given OS, its default fake host
    /// CPU, and the corpus guests. No capabilities are attached.
    /// </summary>
    public static HostInfo CorpusHost(string hostOs = "linux", string hostArch = "x86_64") => new()
    {
        Arch = hostArch,
        Os = hostOs,
        Cpu = HostCpuCatalog.DefaultFor(hostArch),
        Guests = CorpusGuests(hostOs),
    };

    private static ImmutableArray<string> DomainTypesFor(FakeArch row, string hostOs)
    {
        if (hostOs == "macos")
        {
            return row.HvfOnMacos ? ["qemu", "hvf"] : ["qemu"];
        }

        return ["qemu", "kvm"];
    }

    /// <summary>
    /// The host the single-domain commands build for: x86_64 Linux with one QEMU binary's
    /// capabilities, registered under its own emulator path and under the default emulator of
    /// its arch, so a domain with or without an <c>&lt;emulator&gt;</c> finds it.
    /// </summary>
    public static HostInfo SingleBinaryHost(QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var host = CorpusHost("linux", "x86_64");
        var byEmulator = host.CapabilitiesByEmulator;
        if (caps.Emulator.Length > 0)
        {
            byEmulator = byEmulator.SetItem(caps.Emulator, caps);
        }

        if (caps.Arch.Length > 0 && host.FindGuest(caps.Arch) is { } guest)
        {
            byEmulator = byEmulator.SetItem(guest.Emulator, caps);
        }

        return host with { CapabilitiesByEmulator = byEmulator };
    }
}
