using Vireo.Conformance.Corpus;
using Vireo.Qemu.Configuration;

namespace Vireo.Conformance.Harness;

/// <summary>The launch context of libvirt's qemuxml2argv harness (SPEC §1.6): id -1, fixed dirs, listen fd 1729.</summary>
public static class HarnessLaunch
{
    /// <summary>The fd the harness passes for every UNIX listen socket.</summary>
    public const int ListenFd = 1729;

    /// <summary>The launch context for an argv case.</summary>
    public static LaunchContext ForArgv(ArgvCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new LaunchContext
        {
            DomainId = -1,
            LibDir = "/tmp/lib",
            ChannelTargetDir = "/tmp/channel",
            PassedListenFd = ListenFd,
            TestHarness = true,
            HostOs = c.HostOs,
            IncomingUri = c.Extra.IncomingUri,
        };
    }
}
