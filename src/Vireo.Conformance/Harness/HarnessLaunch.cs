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

    /// <summary>
    /// Parse options as the harness parses: SPEC §1.6, virRandomBytes fills 0,1,2,... on every
    /// call (so a generated UUID is 00010203-0405-4607-8809-0a0b0c0d0e0f).
    /// </summary>
    public static Vireo.Domain.Xml.DomainParseOptions ParseOptions(bool inactive, HarnessOptions? extra = null) => new()
    {
        Inactive = inactive,
        AbiUpdate = extra?.Get("parseflags")?.Contains("ABI_UPDATE", StringComparison.Ordinal) ?? false,
        RandomBytes = n => [.. Enumerable.Range(0, n).Select(i => (byte)i)],
    };

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
            HostFips = c.Extra.HasHarnessFlag("FIPS_HOST"),

            // SPEC §1.6: now = 1234567890 (2009-02-13T23:31:30Z), TZ=VIR00:30 (local = UTC−00:30).
            Now = DateTimeOffset.FromUnixTimeSeconds(1234567890),
            LocalUtcOffset = TimeSpan.FromMinutes(-30),

            // SPEC §1.6: master key bytes 0..31, IV 0..15, and a secret driver where any UUID resolves.
            MasterKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)],
            SecretIv = [.. Enumerable.Range(0, 16).Select(i => (byte)i)],
            SecretLookup = _ => System.Text.Encoding.ASCII.GetBytes(FakeSecretValue),
            SecretUsageLookup = LookupSecretByUsage,

            // SPEC §1.2/§1.6: ARG_FD_GROUP fd numbers; the mocked CD-ROM probe knows only /dev/cdrom.
            FdGroups = FdGroups(c.Extra),
            IsHostCdrom = path => path == "/dev/cdrom",
            Storage = new HarnessStorage(),
        };
    }

    /// <summary>The fake secret driver's lookup by usage (SPEC §1.6): only the usages the tests use resolve.</summary>
    private static byte[] LookupSecretByUsage(string usageType, string usage)
    {
        var known = usageType switch
        {
            "volume" => usage.StartsWith("/storage/guest_disks/", StringComparison.Ordinal),
            _ => usage is "mycluster_myname" or "client.admin secret",
        };
        return known
            ? System.Text.Encoding.ASCII.GetBytes(FakeSecretValue)
            : throw new Vireo.Domain.Errors.DomainConfigException(Vireo.Domain.Errors.ErrorKind.InternalError, $"test provided incorrect usage '{usage}'");
    }

    /// <summary>The fd groups of <c>fdgroup=NAME:FD,FD;...</c> entries.</summary>
    private static System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableArray<int>> FdGroups(HarnessOptions extra)
    {
        var b = System.Collections.Immutable.ImmutableDictionary.CreateBuilder<string, System.Collections.Immutable.ImmutableArray<int>>(StringComparer.Ordinal);
        foreach (var entry in extra.GetAll("fdgroup"))
        {
            var colon = entry.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            b[entry[..colon]] = [.. entry[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(f => int.Parse(f, System.Globalization.CultureInfo.InvariantCulture))];
        }

        return b.ToImmutable();
    }
}
