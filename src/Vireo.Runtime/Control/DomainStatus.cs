namespace Vireo.Runtime.Control;

/// <summary>One guest as seen from the state directory and, when possible, its monitor.</summary>
/// <param name="Name">Domain name.</param>
/// <param name="Id">Domain id.</param>
/// <param name="Pid">QEMU's pid, once started.</param>
/// <param name="State">Live, crashed, busy...</param>
/// <param name="QemuStatus">QEMU's run state when it answered (<c>running</c>, <c>paused</c>, <c>shutdown</c>, <c>prelaunch</c>...).</param>
/// <param name="Detail">Why it is in that state, for the crashed, unresponsive and corrupt ones.</param>
public sealed record DomainStatus(string Name, int? Id, int? Pid, GuestState State, string? QemuStatus, string? Detail)
{
    /// <summary>The one word <c>vireo list</c> shows: QEMU's run state for a live guest, else the state's name.</summary>
    public string Label => State == GuestState.Live ? QemuStatus ?? "running" : State.ToString().ToLowerInvariant();

    /// <summary>True when QEMU is running (whatever the guest does).</summary>
    public bool IsQemuRunning => State is GuestState.Live or GuestState.Busy or GuestState.Unresponsive || (State == GuestState.Starting && Pid is not null);
}
