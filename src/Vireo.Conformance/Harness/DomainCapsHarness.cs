using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Vireo.Capabilities;
using Vireo.Conformance.Corpus;
using Vireo.Qemu.DomainCapabilities;
using Vireo.Qemu.Firmware;

namespace Vireo.Conformance.Harness;

/// <summary>
/// Recreates libvirt's domaincapstest set-up for a case (SPEC §3): the caps file with its
/// extra data, the fake host (arch = caps arch, per-arch fake CPU), the machine lookup,
/// the firmware descriptors of <c>qemufirmwaredata</c>, and the values the test forces
/// (loader paths, PCI backends, swtpm versions, KVM and SEV mocks). Thread-safe.
/// </summary>
public sealed class DomainCapsHarness
{
    // SPEC §3: loader <value>s are replaced by exactly these three paths.
    private static readonly ImmutableArray<string> ForcedLoaders =
        ["/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF32_CODE.fd", "/usr/share/OVMF/OVMF_CODE.fd"];

    // SPEC §3: the mocked CPUID leaf 0x8000001F gives ECX 509 (highest SEV ASID) and EDX 451
    // (lowest SEV-only ASID).
    private static readonly (uint, uint) SevAsids = (509, 451);

    private readonly HarnessHosts _hosts;
    private readonly string _testsDir;
    private readonly ConcurrentDictionary<string, Lazy<QemuCapsExtras>> _extras = new(StringComparer.Ordinal);
    private readonly Lazy<ImmutableArray<FirmwareDescriptor>> _firmware;

    /// <summary>Creates the set-up over a corpus <c>tests/</c> directory, sharing <paramref name="hosts"/>' caps cache.</summary>
    public DomainCapsHarness(HarnessHosts hosts, string testsDir)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(testsDir);
        _hosts = hosts;
        _testsDir = testsDir;

        // SPEC §1.6/§3: descriptors from qemufirmwaredata/usr/share/qemu/firmware overlaid by
        // qemufirmwaredata/etc/qemu/firmware; the user directory does not exist.
        _firmware = new Lazy<ImmutableArray<FirmwareDescriptor>>(
            () => FirmwareDescriptorReader.ReadDirectories(
                FirmwareDescriptorReader.StandardDirectories(Path.Combine(testsDir, "qemufirmwaredata"), userConfigDir: null)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The capabilities of a case, with the emulator path the test gives them.</summary>
    public QemuCapabilities Caps(DomainCapsCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var caps = _hosts.LoadCapsFile(c.Caps);
        var emulator = c.Emulator.Length > 0 ? c.Emulator : HarnessHosts.RealEmulatorFor(c.Arch);
        return caps with { Emulator = emulator };
    }

    /// <summary>The fake host: the caps arch and the per-arch domaincaps host CPU (SPEC §3).</summary>
    public static HostInfo Host(DomainCapsCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new HostInfo
        {
            Arch = c.Arch,
            Os = "linux",
            Cpu = HostCpuCatalog.DomainCapsDefaultFor(c.Arch),
        };
    }

    /// <summary>
    /// The machine the test asks for: the canonical name of the requested alias, or the
    /// preferred machine, looked up for kvm when the caps have it and qemu otherwise,
    /// whatever the case's virt type (SPEC §3).
    /// </summary>
    public static string? Machine(DomainCapsCase c, QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(caps);
        var accel = caps.Has("kvm") ? Accelerator.Kvm : Accelerator.Tcg;
        if (c.Machine.Length == 0)
        {
            return caps.MachinesFor(accel).FirstOrDefault()?.Name;
        }

        return caps.FindMachine(c.Machine, accel)?.Name ?? c.Machine;
    }

    /// <summary>The options the test's environment amounts to.</summary>
    public DomainCapsOptions Options(DomainCapsCase c, QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(caps);
        return new DomainCapsOptions
        {
            Extras = Extras(c.Caps),
            FirmwareDescriptors = _firmware.Value,
            ForcedLoaderValues = ForcedLoaders,
            ForcePciBackend = true,
            SwtpmVersions = SwtpmVersions(c),
            KvmMaxVcpus = null,
            SevAsids = SevAsids,

            // SPEC §3: the mock reports secure-guest support when the caps have both flags;
            // otherwise the value recorded in the caps file stands.
            KvmSupportsSecureGuest = caps.Has("confidential-guest-support") && caps.Has("s390-pv-guest") ? true : null,
        };
    }

    /// <summary>
    /// swtpm_setup's TPM versions: the manifest column, else by QEMU version — 3.x to 5.x
    /// → 1.2, 6.x → both, later → 2.0 (SPEC §3, VIR_TEST_MOCK_FAKE_TPM_VERSION).
    /// </summary>
    public static ImmutableArray<string> SwtpmVersions(DomainCapsCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (c.SwtpmTpmVersions.Length > 0)
        {
            return [.. c.SwtpmTpmVersions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var dot = c.Version.IndexOf('.', StringComparison.Ordinal);
        var major = int.TryParse(dot < 0 ? c.Version : c.Version[..dot], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 0;
        return major switch
        {
            >= 3 and <= 5 => ["1.2"],
            6 => ["1.2", "2.0"],
            _ => ["2.0"],
        };
    }

    private QemuCapsExtras Extras(string capsFile) =>
        _extras.GetOrAdd(
            capsFile,
            f => new Lazy<QemuCapsExtras>(
                () => QemuCapsExtrasReader.Load(Path.Combine(_testsDir, "qemucapabilitiesdata", f)),
                LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
