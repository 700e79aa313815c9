using System.Collections.Concurrent;
using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Conformance.Corpus;

namespace Vireo.Conformance.Harness;

/// <summary>
/// Builds the fake host (arch, OS, CPU, guests, per-emulator capabilities) each corpus
/// case runs against, as libvirt's harness sets it up (SPEC §1.3, §1.5, §2). Real caps
/// files are parsed once per file; derived snapshots and whole hosts are cached per
/// distinct setup. Thread-safe.
/// </summary>
public sealed class HarnessHosts
{
    private readonly string _capsDir;
    private readonly ConcurrentDictionary<string, Lazy<QemuCapabilities>> _capsFiles = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<HostInfo>> _hosts = new(StringComparer.Ordinal);

    /// <summary>Creates a host builder reading real caps from <paramref name="capsDir"/> (the corpus' <c>tests/qemucapabilitiesdata</c>).</summary>
    public HarnessHosts(string capsDir)
    {
        ArgumentNullException.ThrowIfNull(capsDir);
        _capsDir = capsDir;
    }

    /// <summary>The emulator path the harness gives real caps of an arch.</summary>
    public static string RealEmulatorFor(string arch) => "/usr/bin/qemu-system-" + arch;

    /// <summary>The host for an argv case.</summary>
    public HostInfo ForArgv(ArgvCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var os = c.HostOs;
        var cpuName = c.Extra.Get("hostcpu") ?? c.HostCpu;
        var gic = c.Extra.Gic;
        var gicKey = gic is { } g ? string.Join('+', g.Select(x => x.Version)) : "-";

        if (c.UsesFakeCaps)
        {
            var skipLegacy = c.Extra.HasHarnessFlag("SKIP_LEGACY_CPUS");
            var key = string.Join('|', "argv-fake", c.HostArch, os, cpuName, c.Arch, skipLegacy ? "1" : "0", gicKey, string.Join(',', c.Flags));
            return CachedHost(key, () =>
            {
                var caps = FlagListCapabilities.CreateForArgv(c.Flags, c.Arch, skipLegacy, gic ?? []);
                var resolved = FlagListCapabilities.ResolveArchAlias(c.Arch);
                var emulator = FlagListCapabilities.FakeEmulatorFor(c.Arch);
                var byEmulator = Empty();
                if (emulator is not null)
                {
                    byEmulator = byEmulator.SetItem(emulator, FlagListCapabilities.WithFakeMachines(caps, resolved, os));
                }

                return NewHost(c.HostArch, os, cpuName, byEmulator);
            });
        }

        var latest = c.Expected.Contains("-latest", StringComparison.Ordinal);
        var addFlags = c.Extra.AddFlags.AddRange(c.Flags);
        var realKey = string.Join('|', "argv-real", c.HostArch, os, cpuName, c.Caps, latest ? "1" : "0", gicKey, string.Join(',', addFlags));
        return CachedHost(realKey, () =>
        {
            var (arch, caps) = RealCaps(c.Caps, c.Arch, addFlags, latest, gic);
            return NewHost(c.HostArch, os, cpuName, Empty().SetItem(RealEmulatorFor(arch), caps));
        });
    }

    /// <summary>The host for an xml2xml case: x86_64 / core2duo throughout (SPEC §2).</summary>
    public HostInfo ForXml2Xml(Xml2XmlCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var os = c.Extra.Get("hostos") ?? "linux";
        var cpuName = c.Extra.Get("hostcpu") ?? "core2duo";
        var gic = c.Extra.Gic;
        var gicKey = gic is { } g ? string.Join('+', g.Select(x => x.Version)) : "-";

        if (c.UsesFakeCaps)
        {
            var key = string.Join('|', "xml-fake", os, cpuName, gicKey, string.Join(',', c.Flags));
            return CachedHost(key, () =>
            {
                var caps = FlagListCapabilities.CreateForXml2Xml(c.Flags, gic ?? []);
                var byEmulator = Empty();
                foreach (var arch in FlagListCapabilities.FakeArches)
                {
                    if (FlagListCapabilities.FakeEmulatorFor(arch) is { } emulator)
                    {
                        byEmulator = byEmulator.SetItem(emulator, FlagListCapabilities.WithFakeMachines(caps, arch, os));
                    }
                }

                return NewHost("x86_64", os, cpuName, byEmulator);
            });
        }

        var latest = c.Expected.Contains("-latest", StringComparison.Ordinal);
        var addFlags = c.Extra.AddFlags.AddRange(c.Flags);
        var realKey = string.Join('|', "xml-real", os, cpuName, c.Caps, latest ? "1" : "0", gicKey, string.Join(',', addFlags));
        return CachedHost(realKey, () =>
        {
            var (arch, caps) = RealCaps(c.Caps, c.Arch, addFlags, latest, gic);
            return NewHost("x86_64", os, cpuName, Empty().SetItem(RealEmulatorFor(arch), caps));
        });
    }

    /// <summary>Loads (once) and returns the parsed real caps file <paramref name="fileName"/>.</summary>
    public QemuCapabilities LoadCapsFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var lazy = _capsFiles.GetOrAdd(
            fileName,
            f => new Lazy<QemuCapabilities>(() => LibvirtCapsXml.Load(Path.Combine(_capsDir, f)), LazyThreadSafetyMode.ExecutionAndPublication));
        return lazy.Value;
    }

    private (string Arch, QemuCapabilities Caps) RealCaps(
        string fileName, string rowArch, ImmutableArray<string> addFlags, bool latest, ImmutableArray<GicCapability>? gic)
    {
        var arch = CapsFileIndex.TryParseFileName(fileName, out _, out var fileArch) ? fileArch : rowArch;
        var caps = LoadCapsFile(fileName);
        if (addFlags.Length > 0)
        {
            caps = caps.WithFlags(addFlags);
        }

        if (gic is { } g)
        {
            caps = caps with { Gic = g };
        }

        if (latest)
        {
            caps = caps.StripMachineAliases();
        }

        return (arch, caps with { Emulator = RealEmulatorFor(arch) });
    }

    private HostInfo CachedHost(string key, Func<HostInfo> build) =>
        _hosts.GetOrAdd(key, _ => new Lazy<HostInfo>(build, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static ImmutableDictionary<string, QemuCapabilities> Empty() =>
        ImmutableDictionary<string, QemuCapabilities>.Empty.WithComparers(StringComparer.Ordinal);

    private static HostInfo NewHost(string hostArch, string os, string cpuName, ImmutableDictionary<string, QemuCapabilities> caps) => new()
    {
        Arch = hostArch,
        Os = os,
        Cpu = cpuName.Length == 0 ? HostCpuCatalog.DefaultFor(hostArch) : HostCpuCatalog.TryGet(cpuName),
        Guests = HostInfoFactory.CorpusGuests(os),
        CapabilitiesByEmulator = caps,
    };
}
