using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Tests.Preparation.Validation;

/// <summary>Builds small domains against fake capabilities and runs them through the engine.</summary>
internal static class RuleHarness
{
    /// <summary>A host whose emulator for <paramref name="arch"/> has the given flags (libvirt's fake caps).</summary>
    public static HostInfo Host(string arch, params string[] flags)
    {
        var caps = FlagListCapabilities.WithFakeMachines(FlagListCapabilities.CreateForArgv(flags, arch, skipLegacyCpus: false, []), arch, "linux");
        var host = HostInfoFactory.CorpusHost();
        return host with { CapabilitiesByEmulator = host.CapabilitiesByEmulator.SetItem(caps.Emulator, caps) };
    }

    /// <summary>A minimal domain: arch, machine, extra top-level XML and devices.</summary>
    public static string GuestXml(string arch, string machine, string devices = "", string extra = "", string os = "", string type = "qemu") =>
        $"""
        <domain type='{type}'>
          <name>guest</name>
          <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>
          <memory unit='KiB'>219136</memory>
          <vcpu placement='static'>1</vcpu>
          <os>
            <type arch='{arch}' machine='{machine}'>hvm</type>
            {os}
          </os>
          {extra}
          <devices>
            {devices}
          </devices>
        </domain>
        """;

    /// <summary>Parses and post-parses a domain.</summary>
    public static DomainDefinition PostParse(string xml, HostInfo host, DriverConfig? config = null) =>
        QemuEngine.PostParse(DomainXmlParser.Parse(xml, new DomainParseOptions { Inactive = true }), host, config ?? new DriverConfig());

    /// <summary>Parses, post-parses and builds the command line.</summary>
    public static void Build(string xml, HostInfo host, DriverConfig? config = null)
    {
        config ??= new DriverConfig();
        var def = PostParse(xml, host, config);
        _ = QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { TestHarness = true, PassedListenFd = 1729 });
    }

    /// <summary>Asserts that post-parse refuses the domain with exactly this message.</summary>
    public static void RefusedAtParse(string xml, HostInfo host, string message, DriverConfig? config = null)
    {
        var ex = Assert.ThrowsAny<VireoException>(() => PostParse(xml, host, config));
        Assert.Equal(message, ex.Message);
    }

    /// <summary>Asserts that post-parse accepts the domain and the command-line build refuses it.</summary>
    public static void RefusedAtLaunch(string xml, HostInfo host, string message, DriverConfig? config = null)
    {
        config ??= new DriverConfig();
        var def = PostParse(xml, host, config);
        var ex = Assert.ThrowsAny<VireoException>(() => QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { TestHarness = true, PassedListenFd = 1729 }));
        Assert.Equal(message, ex.Message);
    }

    /// <summary>A driver configuration with the given hugetlbfs mounts.</summary>
    public static DriverConfig WithHugepages(params (string Path, ulong SizeKiB, bool Default)[] mounts) =>
        new() { Hugetlbfs = [.. mounts.Select(m => new HugetlbfsMount(m.Path, m.SizeKiB, m.Default))] };

    /// <summary>A driver configuration with one host environment value.</summary>
    public static DriverConfig WithEnvironment(string name, string value) =>
        new() { HostEnvironment = ImmutableDictionary<string, string>.Empty.Add(name, value) };
}
