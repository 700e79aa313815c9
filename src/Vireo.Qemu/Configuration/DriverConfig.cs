using System.Collections.Immutable;

namespace Vireo.Qemu.Configuration;

/// <summary>
/// Host-wide policy that shapes the command line (the equivalent of libvirt's
/// <c>qemu.conf</c>): TLS directories, listen addresses, sandboxing, audio policy.
/// Immutable; the defaults are those of a stock installation.
/// </summary>
public sealed record DriverConfig
{
    public string? DefaultTlsX509CertDir { get; init; } = "/etc/pki/qemu";

    public string VncListen { get; init; } = "127.0.0.1";

    public bool VncTls { get; init; }

    public string? VncTlsX509CertDir { get; init; } = "/etc/pki/libvirt-vnc";

    public bool VncTlsX509Verify { get; init; }

    public string? VncTlsX509SecretUuid { get; init; }

    public bool VncSasl { get; init; }

    public string? VncSaslDir { get; init; }

    public bool VncAutoUnixSocket { get; init; }

    public bool VncAllowHostAudio { get; init; }

    public bool NoGraphicsAllowHostAudio { get; init; }

    public string SpiceListen { get; init; } = "127.0.0.1";

    public bool SpiceTls { get; init; }

    public string? SpiceTlsX509CertDir { get; init; } = "/etc/pki/libvirt-spice";

    public string? SpicePassword { get; init; }

    public bool SpiceSasl { get; init; }

    public bool SpiceAutoUnixSocket { get; init; }

    public bool ChardevTls { get; init; }

    public string? ChardevTlsX509CertDir { get; init; } = "/etc/pki/libvirt-chardev";

    public bool ChardevTlsX509Verify { get; init; }

    public string? ChardevTlsX509SecretUuid { get; init; }

    public bool VxhsTls { get; init; }

    public string? VxhsTlsX509CertDir { get; init; } = "/etc/pki/libvirt-vxhs";

    public string? VxhsTlsX509SecretUuid { get; init; }

    public string? NbdTlsX509CertDir { get; init; } = "/etc/pki/libvirt-nbd";

    public string? NbdTlsX509SecretUuid { get; init; }

    public int RemotePortMin { get; init; } = 5900;

    public int RemotePortMax { get; init; } = 65535;

    public int WebSocketPortMin { get; init; } = 5700;

    public int WebSocketPortMax { get; init; } = 65535;

    /// <summary>hugetlbfs mounts; the one flagged default is used for &lt;hugepages/&gt; without size.</summary>
    public ImmutableArray<HugetlbfsMount> Hugetlbfs { get; init; } = [];

    /// <summary>Root of per-domain private directories (libvirt's libDir).</summary>
    public string LibDir { get; init; } = "/var/lib/libvirt/qemu";

    public string MemoryBackingDir { get; init; } = "/var/lib/libvirt/qemu/ram";

    public string NvramDir { get; init; } = "/var/lib/libvirt/qemu/nvram";

    public bool DumpGuestCore { get; init; }

    /// <summary>-1 = use <c>-sandbox</c> when QEMU supports it; 0 = off; 1 = on.</summary>
    public int SeccompSandbox { get; init; } = -1;

    public bool LogTimestamp { get; init; } = true;

    public bool StdioLogD { get; init; } = true;

    public int GlusterDebugLevel { get; init; } = 4;

    /// <summary>Directory for D-Bus daemons of session guests.</summary>
    public string DbusStateDir { get; init; } = "/run/libvirt/qemu/dbus";

    /// <summary>Directory for passt state.</summary>
    public string PasstStateDir { get; init; } = "/run/libvirt/qemu/passt";

    /// <summary>Root of the per-domain directories holding guest-agent and other channel sockets.</summary>
    public string ChannelTargetDir { get; init; } = "/var/lib/libvirt/qemu/channel/target";

    /// <summary>
    /// QEMU firmware descriptors installed on the host, in selection order (file-name order
    /// after overlaying), for <c>&lt;os firmware='...'&gt;</c> auto-selection.
    /// </summary>
    public ImmutableArray<Firmware.FirmwareDescriptor> FirmwareDescriptors { get; init; } = [];

    /// <summary>Known firmware loader/nvram-template pairs (legacy <c>nvram</c> list).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Firmwares { get; init; } = [];

    /// <summary>Environment values the harness or host passes through (<c>QEMU_AUDIO_DRV</c>, <c>SDL_AUDIODRIVER</c>...).</summary>
    public ImmutableDictionary<string, string> HostEnvironment { get; init; } = ImmutableDictionary<string, string>.Empty;
}
