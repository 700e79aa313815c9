using System.Collections.Concurrent;
using Vireo.Capabilities;
using Vireo.Probing;

namespace Vireo.Runtime.Tests.Support;

/// <summary>
/// The installed QEMU binaries, probed once per test run (TCG only), as the host the
/// runtime builds for; tests needing one are skipped when it or its firmware is missing.
/// </summary>
internal static class QemuHosts
{
    public const string Aarch64 = "/usr/bin/qemu-system-aarch64";
    public const string X86 = "/usr/bin/qemu-system-x86_64";
    public const string Aavmf = "/usr/share/AAVMF/AAVMF_CODE.fd";
    public const string Ovmf = "/usr/share/OVMF/OVMF_CODE_4M.fd";

    private static readonly ConcurrentDictionary<string, Lazy<Task<HostInfo>>> Hosts = new(StringComparer.Ordinal);

    /// <summary>The host for a guest of <paramref name="arch"/>; skips the test when QEMU (or, with <paramref name="firmware"/>, that file) is missing.</summary>
    public static async Task<HostInfo> ForAsync(string arch, string? firmware = null)
    {
        var binary = arch == "aarch64" ? Aarch64 : X86;
        RequireFile(binary);
        if (firmware is not null)
        {
            RequireFile(firmware);
        }

        return await Hosts.GetOrAdd(binary, b => new Lazy<Task<HostInfo>>(() => ProbeAsync(b))).Value;
    }

    /// <summary>Skips the test unless the file exists (and this is Linux with /proc).</summary>
    public static void RequireFile(string path)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self"))
        {
            Assert.Skip("needs Linux with /proc");
        }

        if (!File.Exists(path))
        {
            Assert.Skip($"{path} is not installed (./test.sh installs QEMU and firmware on Debian)");
        }
    }

    private static async Task<HostInfo> ProbeAsync(string binary)
    {
        var result = await QemuProber.ProbeAsync(binary, ProbeOptions.Default with { Accelerators = ProbeAccelerators.TcgOnly }, CancellationToken.None);
        var caps = result.Capabilities;
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
        var byEmulator = host.CapabilitiesByEmulator.SetItem(caps.Emulator, caps);
        if (host.FindGuest(caps.Arch) is { } guest)
        {
            byEmulator = byEmulator.SetItem(guest.Emulator, caps);
        }

        return host with { CapabilitiesByEmulator = byEmulator };
    }
}
