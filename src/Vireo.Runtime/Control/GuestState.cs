namespace Vireo.Runtime.Control;

/// <summary>What <c>vireo list</c> can say about a guest with state in the state directory.</summary>
public enum GuestState
{
    /// <summary>QEMU runs and answered; see <see cref="DomainStatus.QemuStatus"/> (running, paused, shutdown...).</summary>
    Live,

    /// <summary>QEMU runs but another vireo command holds the domain (its monitor takes one client).</summary>
    Busy,

    /// <summary>A start is in progress.</summary>
    Starting,

    /// <summary>QEMU runs but its monitor socket is gone or does not answer.</summary>
    Unresponsive,

    /// <summary>QEMU is gone (crashed, killed) or the start was interrupted; the state is stale.</summary>
    Crashed,

    /// <summary>The state file cannot be read.</summary>
    Corrupt,
}
