namespace Vireo.Runtime.Control;

/// <summary>How a shutdown went.</summary>
/// <param name="GuestShutDown">The guest powered itself off; false when it ignored the request and QEMU was told to quit after the time limit.</param>
/// <param name="Elapsed">From the request to QEMU's exit.</param>
public sealed record ShutdownResult(bool GuestShutDown, TimeSpan Elapsed);
