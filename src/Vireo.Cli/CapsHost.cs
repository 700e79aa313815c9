using Vireo.Capabilities;

namespace Vireo.Cli;

/// <summary>The host the single-domain commands build for: x86_64 Linux with one QEMU binary's capabilities.</summary>
internal static class CapsHost
{
    /// <summary>
    /// Registers <paramref name="caps"/> under its own emulator path and under the default
    /// emulator of its arch, so a domain with or without an <c>&lt;emulator&gt;</c> finds it.
    /// </summary>
    public static HostInfo For(QemuCapabilities caps) => HostInfoFactory.SingleBinaryHost(caps);
}
