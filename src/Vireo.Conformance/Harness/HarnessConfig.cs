using System.Collections.Immutable;
using System.Globalization;
using Vireo.Qemu.Configuration;

namespace Vireo.Conformance.Harness;

/// <summary>
/// The driver configuration libvirt's test harness runs with (SPEC §1.4 for argv,
/// §2 for xml2xml), and the mapping of <c>state</c>-column keys onto <see cref="DriverConfig"/>.
/// </summary>
public static class HarnessConfig
{
    private static readonly ImmutableArray<KeyValuePair<string, string>> HarnessFirmwares =
    [
        new("/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
        new("/usr/share/OVMF/OVMF_CODE.secboot.fd", "/usr/share/OVMF/OVMF_VARS.fd"),
        new("/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF_VARS.fd"),
        new("/usr/share/AAVMF/AAVMF32_CODE.fd", "/usr/share/AAVMF/AAVMF32_VARS.fd"),
    ];

    private const string SessionRuntimeDir = "/bad-test-used-env-xdg-runtime-dir/libvirt/qemu/run";

    /// <summary>The qemuxml2argv baseline, before any <c>state</c> deviation.</summary>
    public static DriverConfig ArgvBaseline { get; } = new()
    {
        DefaultTlsX509CertDir = "/etc/pki/qemu",
        VncTlsX509CertDir = "/etc/pki/libvirt-vnc",
        SpiceTlsX509CertDir = "/etc/pki/libvirt-spice",
        ChardevTlsX509CertDir = "/etc/pki/libvirt-chardev",
        VxhsTlsX509CertDir = "/etc/pki/libvirt-vxhs/dummy,path",
        NbdTlsX509CertDir = "/etc/pki/libvirt-nbd/dummy,path",
        Hugetlbfs =
        [
            new HugetlbfsMount("/dev/hugepages2M", 2048, true),
            new HugetlbfsMount("/dev/hugepages1G", 1048576, false),
        ],
        LibDir = "/tmp/lib",
        SpiceTls = true,
        SpicePassword = "123456",
        MemoryBackingDir = "/var/lib/libvirt/qemu/ram",
        NvramDir = "/var/lib/libvirt/qemu/nvram",
        VncListen = "127.0.0.1",
        SpiceListen = "127.0.0.1",
        RemotePortMin = 5900,
        RemotePortMax = 65535,
        WebSocketPortMin = 5700,
        WebSocketPortMax = 65535,
        GlusterDebugLevel = 4,
        LogTimestamp = true,
        SeccompSandbox = -1,
        StdioLogD = true,
        Firmwares = HarnessFirmwares,
        DbusStateDir = SessionRuntimeDir + "/dbus",
        PasstStateDir = SessionRuntimeDir + "/passt",
        ChannelTargetDir = "/tmp/channel",
        HostEnvironment = ImmutableDictionary<string, string>.Empty
            .Add("PATH", "/bin")
            .Add("HOME", "/home/test")
            .Add("USER", "test")
            .Add("LOGNAME", "test")
            .Add("LC_ALL", "C")
            .Add("TZ", "VIR00:30"),
    };

    /// <summary>
    /// The qemuxml2xml baseline: stock settings (no TLS-dir, hugetlbfs, SPICE password,
    /// nvram or memory-backing overrides), the harness firmware list, env only <c>PATH=/bin</c>.
    /// </summary>
    public static DriverConfig Xml2XmlBaseline { get; } = new()
    {
        LibDir = "/tmp/lib",
        Firmwares = HarnessFirmwares,
        DbusStateDir = SessionRuntimeDir + "/dbus",
        PasstStateDir = SessionRuntimeDir + "/passt",
        ChannelTargetDir = "/tmp/channel",
        HostEnvironment = ImmutableDictionary<string, string>.Empty.Add("PATH", "/bin"),
    };

    /// <summary>Parses a <c>state</c> column and applies it to <paramref name="baseline"/>.</summary>
    public static StateApplication Apply(DriverConfig baseline, string? state) => Apply(baseline, StateColumn.Parse(state));

    /// <summary>
    /// Applies state settings in order. <c>cfg.*</c> keys map onto <see cref="DriverConfig"/>
    /// properties (case-insensitive libvirt names: <c>vncTLS</c>, <c>vncTLSx509certdir</c>...);
    /// <c>env.*</c> set or (NULL) remove <see cref="DriverConfig.HostEnvironment"/> entries.
    /// Unknown keys and unusable values are skipped and returned.
    /// </summary>
    public static StateApplication Apply(DriverConfig baseline, IEnumerable<StateSetting> settings)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(settings);
        var cfg = baseline;
        var unknown = ImmutableArray.CreateBuilder<StateSetting>();
        foreach (var s in settings)
        {
            DriverConfig? next = s.Scope switch
            {
                StateSetting.EnvironmentScope => s.Value is null
                    ? cfg with { HostEnvironment = cfg.HostEnvironment.Remove(s.Key) }
                    : cfg with { HostEnvironment = cfg.HostEnvironment.SetItem(s.Key, s.Value) },
                StateSetting.ConfigScope => ApplyConfig(cfg, s.Key, s.Value),
                _ => null,
            };

            if (next is null)
            {
                unknown.Add(s);
            }
            else
            {
                cfg = next;
            }
        }

        return new StateApplication(cfg, unknown.ToImmutable());
    }

    private static DriverConfig? ApplyConfig(DriverConfig c, string key, string? v) => key.ToUpperInvariant() switch
    {
        "DEFAULTTLSX509CERTDIR" => c with { DefaultTlsX509CertDir = v },
        "VNCLISTEN" => v is null ? null : c with { VncListen = v },
        "VNCTLS" => Bool(v) is { } b ? c with { VncTls = b } : null,
        "VNCTLSX509CERTDIR" => c with { VncTlsX509CertDir = v },
        "VNCTLSX509VERIFY" => Bool(v) is { } b ? c with { VncTlsX509Verify = b } : null,
        "VNCTLSX509SECRETUUID" => c with { VncTlsX509SecretUuid = v },
        "VNCSASL" => Bool(v) is { } b ? c with { VncSasl = b } : null,
        "VNCSASLDIR" => c with { VncSaslDir = v },
        "VNCAUTOUNIXSOCKET" => Bool(v) is { } b ? c with { VncAutoUnixSocket = b } : null,
        "VNCALLOWHOSTAUDIO" => Bool(v) is { } b ? c with { VncAllowHostAudio = b } : null,
        "NOGFXALLOWHOSTAUDIO" => Bool(v) is { } b ? c with { NoGraphicsAllowHostAudio = b } : null,
        "SPICELISTEN" => v is null ? null : c with { SpiceListen = v },
        "SPICETLS" => Bool(v) is { } b ? c with { SpiceTls = b } : null,
        "SPICETLSX509CERTDIR" => c with { SpiceTlsX509CertDir = v },
        "SPICEPASSWORD" => c with { SpicePassword = v },
        "SPICESASL" => Bool(v) is { } b ? c with { SpiceSasl = b } : null,
        "SPICEAUTOUNIXSOCKET" => Bool(v) is { } b ? c with { SpiceAutoUnixSocket = b } : null,
        "CHARDEVTLS" => Bool(v) is { } b ? c with { ChardevTls = b } : null,
        "CHARDEVTLSX509CERTDIR" => c with { ChardevTlsX509CertDir = v },
        "CHARDEVTLSX509VERIFY" => Bool(v) is { } b ? c with { ChardevTlsX509Verify = b } : null,
        "CHARDEVTLSX509SECRETUUID" => c with { ChardevTlsX509SecretUuid = v },
        "VXHSTLS" => Bool(v) is { } b ? c with { VxhsTls = b } : null,
        "VXHSTLSX509CERTDIR" => c with { VxhsTlsX509CertDir = v },
        "VXHSTLSX509SECRETUUID" => c with { VxhsTlsX509SecretUuid = v },
        "NBDTLSX509CERTDIR" => c with { NbdTlsX509CertDir = v },
        "NBDTLSX509SECRETUUID" => c with { NbdTlsX509SecretUuid = v },
        "REMOTEPORTMIN" => Int(v) is { } i ? c with { RemotePortMin = i } : null,
        "REMOTEPORTMAX" => Int(v) is { } i ? c with { RemotePortMax = i } : null,
        "WEBSOCKETPORTMIN" => Int(v) is { } i ? c with { WebSocketPortMin = i } : null,
        "WEBSOCKETPORTMAX" => Int(v) is { } i ? c with { WebSocketPortMax = i } : null,
        "MEMORYBACKINGDIR" => v is null ? null : c with { MemoryBackingDir = v },
        "NVRAMDIR" => v is null ? null : c with { NvramDir = v },
        "DUMPGUESTCORE" => Bool(v) is { } b ? c with { DumpGuestCore = b } : null,
        "SECCOMPSANDBOX" => Int(v) is { } i ? c with { SeccompSandbox = i } : null,
        "LOGTIMESTAMP" => Bool(v) is { } b ? c with { LogTimestamp = b } : null,
        "STDIOLOGD" => Bool(v) is { } b ? c with { StdioLogD = b } : null,
        "GLUSTERDEBUGLEVEL" => Int(v) is { } i ? c with { GlusterDebugLevel = i } : null,
        "DBUSSTATEDIR" => v is null ? null : c with { DbusStateDir = v },
        "PASSTSTATEDIR" => v is null ? null : c with { PasstStateDir = v },
        _ => null,
    };

    private static bool? Bool(string? v) => v switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => null,
    };

    private static int? Int(string? v) =>
        int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}
