using System.Collections.Immutable;

namespace Vireo.Runtime.State;

/// <summary>
/// What Vireo remembers about a started guest (<c>domain.json</c>), written atomically at
/// each step so that any later command, in any process, can find QEMU again or tell
/// that it is gone.
/// </summary>
public sealed record DomainRecord
{
    /// <summary>Domain name.</summary>
    public required string Name { get; init; }

    /// <summary>Domain id, unique among the domains of the state directory.</summary>
    public required int Id { get; init; }

    /// <summary>Domain UUID.</summary>
    public string? Uuid { get; init; }

    /// <summary>Where the start got to.</summary>
    public DomainPhase Phase { get; init; } = DomainPhase.Starting;

    /// <summary>The QEMU binary.</summary>
    public string Emulator { get; init; } = "";

    /// <summary>Guest architecture.</summary>
    public string Arch { get; init; } = "";

    /// <summary>Machine type (canonical name).</summary>
    public string Machine { get; init; } = "";

    /// <summary>QEMU's process id, once started.</summary>
    public int? Pid { get; init; }

    /// <summary>QEMU's start time in clock ticks after boot (<c>/proc/PID/stat</c> field 22): with the pid, it identifies QEMU.</summary>
    public ulong? ProcessStartTime { get; init; }

    /// <summary>When the start began.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the guest first ran (or was left paused on request).</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>The firmware descriptor chosen for <c>&lt;os firmware=...&gt;</c>, if any (file name).</summary>
    public string? FirmwareDescriptor { get; init; }

    /// <summary>Per device alias, the QEMU objects behind it (block nodes, netdevs...), for unplugging it.</summary>
    public ImmutableDictionary<string, DeviceBackends> Backends { get; init; } = ImmutableDictionary<string, DeviceBackends>.Empty;
}
