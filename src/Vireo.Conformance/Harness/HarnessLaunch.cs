using Vireo.Conformance.Corpus;
using Vireo.Qemu.Configuration;

namespace Vireo.Conformance.Harness;

/// <summary>The launch context of libvirt's qemuxml2argv harness (SPEC §1.6): id -1, fixed dirs, listen fd 1729.</summary>
public static class HarnessLaunch
{
    /// <summary>The fd the harness passes for every UNIX listen socket.</summary>
    public const int ListenFd = 1729;

    /// <summary>The value the harness's fake secret driver returns for every secret.</summary>
    public const string FakeSecretValue = "AQCVn5hO6HzFAhAAq0NCv8jtJcIcE+HOBlMQ1A";

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

            // SPEC §1.6: master key bytes 0..31, IV 0..15, and a secret driver where any UUID resolves.
            MasterKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)],
            SecretIv = [.. Enumerable.Range(0, 16).Select(i => (byte)i)],
            SecretLookup = _ => System.Text.Encoding.ASCII.GetBytes(FakeSecretValue),
        };
    }
}
