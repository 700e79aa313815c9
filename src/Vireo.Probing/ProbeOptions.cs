using Vireo.Qmp;

namespace Vireo.Probing;

/// <summary>Time limits and environment of a QEMU probe.</summary>
public sealed record ProbeOptions
{
    /// <summary>The defaults.</summary>
    public static ProbeOptions Default { get; } = new();

    /// <summary>Limit for the whole probe, QEMU start-up and shutdown included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Limit for QEMU to start and open its QMP socket.</summary>
    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Limit for any one QMP command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long QEMU gets to exit after <c>quit</c> before it is killed.</summary>
    public TimeSpan QuitGracePeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Accelerators to probe.</summary>
    public ProbeAccelerators Accelerators { get; init; } = ProbeAccelerators.Auto;

    /// <summary>The KVM device whose read-write access decides whether KVM is usable.</summary>
    public string KvmDevicePath { get; init; } = "/dev/kvm";

    /// <summary>Emulator path recorded in the result; by default the probed binary's full path.</summary>
    public string? EmulatorPath { get; init; }

    /// <summary>Directory for the probe's private (0700) working directory; by default the system temp directory.</summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// Where only one QEMU would run (no KVM), start a second one that only fetches the QAPI
    /// schema, the costliest answer, while the first answers the rest. It shortens a probe on
    /// an idle machine with a core to spare and lengthens it on a saturated one (a second QEMU
    /// start costs about as much CPU as the schema saves), hence off by default. With KVM the
    /// TCG-only QEMU always fetches the schema.
    /// </summary>
    public bool SchemaHelper { get; init; }

    /// <summary>When set, each step of the probe is recorded in it (see <see cref="ProbeTimings"/>).</summary>
    public ProbeTimings? Timings { get; init; }

    /// <summary>Longest QMP message accepted.</summary>
    public int MaxLineBytes { get; init; } = QmpClientOptions.DefaultMaxLineBytes;

    internal QmpClientOptions ClientOptions() => new()
    {
        MaxLineBytes = MaxLineBytes,
        ConnectTimeout = StartupTimeout,
        GreetingTimeout = StartupTimeout,
        CommandTimeout = CommandTimeout,
    };
}
