namespace Vireo.Runtime.State;

/// <summary>How far a start got, as recorded in the state file.</summary>
public enum DomainPhase
{
    /// <summary>Id allocated, QEMU not yet started.</summary>
    Starting,

    /// <summary>QEMU started (its pid is recorded); the monitor has not answered yet.</summary>
    Spawned,

    /// <summary>The monitor answered and the guest runs (or stays paused on request).</summary>
    Ready,
}
