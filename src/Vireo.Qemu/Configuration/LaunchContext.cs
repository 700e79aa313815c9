namespace Vireo.Qemu.Configuration;

/// <summary>
/// What differs between one run of a domain and another: its numeric id, the
/// per-domain directories, how the monitor is connected. A test run uses fixed
/// values (libvirt's harness: id -1, fd 1729); a real run uses a state directory.
/// </summary>
public sealed record LaunchContext
{
    /// <summary>Domain id; libvirt's short name is <c>{Id}-{name truncated to 20}</c>.</summary>
    public int DomainId { get; init; } = -1;

    /// <summary>Root under which <c>domain-{shortname}</c> directories live.</summary>
    public string LibDir { get; init; } = "/var/lib/libvirt/qemu";

    /// <summary>Root of per-domain channel directories.</summary>
    public string ChannelTargetDir { get; init; } = "/var/lib/libvirt/qemu/channel/target";

    /// <summary>
    /// When set, UNIX listen sockets (monitor, chardevs) are passed as this pre-opened fd
    /// (<c>fd=N,server=on,wait=off</c>); when null, they are given by path.
    /// </summary>
    public int? PassedListenFd { get; init; }

    /// <summary>Monitor socket path, used when <see cref="PassedListenFd"/> is null.</summary>
    public string? MonitorSocketPath { get; init; }

    /// <summary>Add <c>-S</c> (start paused) — libvirt always does, and resumes over QMP.</summary>
    public bool StartPaused { get; init; } = true;

    /// <summary>Incoming migration URI, if any.</summary>
    public string? IncomingUri { get; init; }

    /// <summary>Emulate the libvirt test harness's fake host resources (fixed fds, fake paths).</summary>
    public bool TestHarness { get; init; }

    /// <summary>
    /// Adds <c>-display egl-headless</c> when a mediated device shows its display
    /// (<c>&lt;hostdev type='mdev' display='on'&gt;</c>) and no graphics device has OpenGL. QEMU
    /// needs an EGL context to import the vGPU's dmabufs; without one a VNC client sees nothing.
    /// libvirt 9.0 does not add it (its command line is the conformance reference, so the
    /// default is off); <c>vireo start</c> turns it on. See docs/deviations.md, row 2.
    /// </summary>
    public bool AddEglHeadlessForMdevDisplays { get; init; }

    /// <summary>
    /// Environment variables passed through to QEMU (libvirt passes PATH, HOME, USER, LOGNAME,
    /// TMPDIR and the loader variables when set). A real launch fills it from the process
    /// environment; a test uses fixed values.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<KeyValuePair<string, string>> InheritedEnvironment { get; init; } = [];

    /// <summary>
    /// The per-domain master key (32 bytes) that encrypts secrets passed on the command line;
    /// a real launch generates one and writes it to <c>master-key.aes</c>.
    /// </summary>
    public System.Collections.Immutable.ImmutableArray<byte> MasterKey { get; init; } = [];

    /// <summary>IV for AES-CBC secret encryption (16 bytes); generated when empty.</summary>
    public System.Collections.Immutable.ImmutableArray<byte> SecretIv { get; init; } = [];

    /// <summary>Looks up a secret value by UUID (libvirt's secret driver); null when unknown.</summary>
    public Func<string, byte[]?>? SecretLookup { get; init; }

    /// <summary>
    /// Looks up a secret value by its usage (type such as <c>ceph</c>, <c>iscsi</c>, <c>volume</c>; usage
    /// id); null when unknown.
    /// </summary>
    public Func<string, string, byte[]?>? SecretUsageLookup { get; init; }

    /// <summary>Groups of pre-opened file descriptors passed with the domain (a disk's <c>fdgroup</c> → fds).</summary>
    public System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<int>> FdGroups { get; init; } =
        System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<int>>.Empty;

    /// <summary>The storage pools behind <c>type='volume'</c> disks (null = none available).</summary>
    public Storage.IStorageLookup? Storage { get; init; }

    /// <summary>Tells whether a host block device is a CD-ROM drive (null = judge by the device name).</summary>
    public Func<string, bool>? IsHostCdrom { get; init; }

    /// <summary>DRM render node used for OpenGL displays that name none (null = first render node).</summary>
    public string? DefaultRenderNode { get; init; }

    /// <summary>The start time (for the guest RTC); null = the current time.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>The host's local-time offset from UTC (for the guest RTC); null = the host time zone's.</summary>
    public TimeSpan? LocalUtcOffset { get; init; }

    /// <summary>The host runs in FIPS mode (QEMU then gets -enable-fips when it has it).</summary>
    public bool HostFips { get; init; }

    /// <summary>Host operating system ("linux" or "macos").</summary>
    public string HostOs { get; init; } = "linux";

    /// <summary>
    /// The context of an offline conversion (<c>vireo xml2argv</c>, and every tool that must build
    /// exactly what it builds): domain id 1, libvirt's default directories, and the QMP monitor
    /// socket in the domain's private directory.
    /// </summary>
    public static LaunchContext ForConversion(string domainName, string hostOs)
    {
        var context = new LaunchContext { DomainId = 1, HostOs = hostOs };
        return context with { MonitorSocketPath = context.DomainLibDir(domainName) + "/monitor.sock" };
    }

    /// <summary>
    /// The libvirt short domain name (<c>id-name</c>, name truncated to 20 characters). libvirt
    /// counts wide characters (code points), so a surrogate pair is never split here either.
    /// </summary>
    public string ShortName(string domainName) =>
        DomainId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + TruncateToCodePoints(domainName, 20);

    private static string TruncateToCodePoints(string text, int maxCodePoints)
    {
        var count = 0;
        var end = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (count == maxCodePoints)
            {
                return text[..end];
            }

            count++;
            end += rune.Utf16SequenceLength;
        }

        return text;
    }

    /// <summary>The per-domain private directory.</summary>
    public string DomainLibDir(string domainName) => LibDir + "/domain-" + ShortName(domainName);

    /// <summary>The per-domain channel directory.</summary>
    public string DomainChannelDir(string domainName) => ChannelTargetDir + "/domain-" + ShortName(domainName);
}
