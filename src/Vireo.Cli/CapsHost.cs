using Vireo.Capabilities;

namespace Vireo.Cli;

/// <summary>The host the single-domain commands build for: x86_64 Linux with one QEMU binary's capabilities.</summary>
internal static class CapsHost
{
    /// <summary>
    /// Registers <paramref name="caps"/> under its own emulator path and under the default
    /// emulator of its arch, so a domain with or without an <c>&lt;emulator&gt;</c> finds it.
    /// </summary>
    public static HostInfo For(QemuCapabilities caps)
    {
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
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
