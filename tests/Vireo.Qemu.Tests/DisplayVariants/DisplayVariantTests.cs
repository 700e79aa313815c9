using Vireo.Capabilities;
using Vireo.Domain.Xml;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Tests.DisplayVariants;

/// <summary>
/// Our own display domains, each checked against what a real libvirt 9.0 daemon produced
/// for it (see README.md here): Vireo must print the same command line byte for byte.
/// This keeps display behaviour general beyond the libvirt test corpus.
/// </summary>
public class DisplayVariantTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "DisplayVariants");

    public static TheoryData<string> Variants()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.EnumerateFiles(Dir, "*.libvirt.args").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f)[..^".libvirt.args".Length]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void CommandLine_MatchesLibvirt(string name)
    {
        var capsFile = name.StartsWith("arm-", StringComparison.Ordinal) ? "libvirt-qemu-7.2-aarch64.xml" : "libvirt-qemu-7.2-x86_64.xml";
        var host = HostFor(LibvirtCapsXml.Load(Path.Combine(Dir, "caps", capsFile)));
        var config = new DriverConfig();
        var def = DomainXmlParser.ParseFile(Path.Combine(Dir, name + ".xml"));
        def = QemuEngine.PostParse(def, host, config);
        var context = new LaunchContext { DomainId = 1, LibDir = "/var/lib/libvirt/qemu" };

        var actual = ArgsTextRenderer.Render(QemuEngine.BuildCommandLine(def, host, config, context));

        Assert.Equal(File.ReadAllText(Path.Combine(Dir, name + ".libvirt.args")), actual);
    }

    private static HostInfo HostFor(QemuCapabilities caps)
    {
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
        var byEmulator = host.CapabilitiesByEmulator.SetItem(caps.Emulator, caps);
        if (host.FindGuest(caps.Arch) is { } guest)
        {
            byEmulator = byEmulator.SetItem(guest.Emulator, caps);
        }

        return host with { CapabilitiesByEmulator = byEmulator };
    }
}
