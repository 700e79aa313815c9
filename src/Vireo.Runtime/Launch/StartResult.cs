using Vireo.Qemu.CommandLine;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Launch;

/// <summary>A started guest.</summary>
/// <param name="Record">Its state record (id, pid...).</param>
/// <param name="Status">QEMU's run state once the start returned: <c>running</c>, or <c>paused</c>/<c>prelaunch</c> when asked to stay paused.</param>
/// <param name="CommandLine">The command line QEMU was started with.</param>
/// <param name="Elapsed">From the call to the guest running.</param>
/// <param name="Paths">Where its files are.</param>
public sealed record StartResult(DomainRecord Record, string Status, QemuCommandLine CommandLine, TimeSpan Elapsed, DomainPaths Paths);
