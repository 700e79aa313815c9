using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;

namespace Vireo.Cli.Tests;

/// <summary>xml2argv, xml2xml and domcapabilities with neither --caps nor --emulator: the embedded snapshot for the arch.</summary>
public class EmbeddedCapabilitiesTests
{
    private const string NoSnapshotRiscv = "vireo: no embedded capabilities for arch 'riscv64': pass --caps FILE or --emulator PATH\n";

    public static TheoryData<string> ExampleNames() => [.. Examples.Names()];

    [Fact]
    public void Examples_AreThere_EachWithGoldenArgs()
    {
        var names = Examples.Names();

        Assert.Contains("aarch64-virt-virtio", names);
        Assert.True(names.Count >= 3, "expected at least three example domains");
        Assert.All(names, n => Assert.True(File.Exists(Path.Combine(Examples.Dir, n + ".args")), $"examples/{n}.args is missing (scripts/regenerate-examples.sh)"));
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Xml2Argv_Example_MatchesGolden(string name)
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml(name));

        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(Examples.GoldenArgs(name), r.Stdout);
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Xml2Argv_Example_IsStable(string name)
    {
        var first = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml(name));
        var second = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml(name));

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(first.Stdout, second.Stdout);
    }

    [Fact]
    public void Xml2Argv_AarchVirtVirtio_UsesVirtioGpuPci()
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("aarch64-virt-virtio"));

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("/usr/bin/qemu-system-aarch64 \\\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"driver\":\"virtio-gpu-pci\"", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("virtio-vga", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml2Argv_EmbeddedEqualsCapsFileOfTheSameSnapshot()
    {
        using var dir = new TempDir();
        var caps = dir.File("caps.xml");
        File.WriteAllText(caps, LibvirtCapsXml.Format(EmbeddedSnapshots.For("aarch64")!));

        var embedded = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("aarch64-virt-virtio"));
        var fromFile = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("aarch64-virt-virtio"), "--caps", caps);

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(embedded.Stdout, fromFile.Stdout);
    }

    [Fact]
    public void Xml2Argv_CapsFileOfAnotherArch_IsRefused()
    {
        using var dir = new TempDir();
        var caps = dir.File("caps.xml");
        File.WriteAllText(caps, LibvirtCapsXml.Format(EmbeddedSnapshots.For("x86_64")!));

        var r = Cli.Run(Cli.NoProbing, "xml2xml", Examples.Xml("aarch64-virt-virtio"), "--caps", caps);

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal($"vireo: xml2xml: the domain is aarch64, but the capabilities of '{caps}' are for x86_64\n", r.Stderr);
    }

    [Fact]
    public void Xml2Argv_Json_WithEmbeddedSnapshot()
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("x86_64-pc-minimal"), "--format", "json");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("\"argv\": [", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"/usr/bin/qemu-system-x86_64\"", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml2Argv_NoArch_DefaultsToX86_64()
    {
        using var dir = new TempDir();
        var xml = dir.File("noarch.xml");
        File.WriteAllText(xml, Domain("noarch", "<type>hvm</type>", "kvm"));

        var r = Cli.Run(Cli.NoProbing, "xml2argv", xml);

        Assert.Equal("", r.Stderr);
        Assert.Contains("/usr/bin/qemu-system-x86_64 \\\n", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("-machine pc-i440fx-7.2,", r.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public void Xml2Xml_Example_WithEmbeddedSnapshot(string name)
    {
        var r = Cli.Run(Cli.NoProbing, "xml2xml", Examples.Xml(name));

        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("<domain type=", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("<emulator>/usr/bin/qemu-system-", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml2Argv_ArchWithoutSnapshot_SaysWhatToPass()
    {
        using var dir = new TempDir();
        var xml = dir.File("riscv.xml");
        File.WriteAllText(xml, Domain("riscv", "<type arch='riscv64' machine='virt'>hvm</type>", "qemu"));

        var argv = Cli.Run(Cli.NoProbing, "xml2argv", xml);
        var xml2xml = Cli.Run(Cli.NoProbing, "xml2xml", xml);

        Assert.Equal(ExitCodes.Usage, argv.ExitCode);
        Assert.Equal(NoSnapshotRiscv, argv.Stderr);
        Assert.Equal("", argv.Stdout);
        Assert.Equal(ExitCodes.Usage, xml2xml.ExitCode);
        Assert.Equal(NoSnapshotRiscv, xml2xml.Stderr);
    }

    [Fact]
    public void DomCapabilities_Default_IsEmbeddedX86_64()
    {
        var r = Cli.Run(Cli.NoProbing, "domcapabilities");

        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<path>/usr/bin/qemu-system-x86_64</path>", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("<arch>x86_64</arch>", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("<machine>pc-i440fx-7.2</machine>", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DomCapabilities_Arch_PicksThatSnapshot()
    {
        var r = Cli.Run(Cli.NoProbing, "domcapabilities", "--arch", "aarch64", "--virttype", "qemu", "--machine", "virt");

        Assert.Equal("", r.Stderr);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("<path>/usr/bin/qemu-system-aarch64</path>", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("<machine>virt-7.2</machine>", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("<value>virtio</value>", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void DomCapabilities_ArchWithoutSnapshot_SaysWhatToPass()
    {
        var r = Cli.Run(Cli.NoProbing, "domcapabilities", "--arch", "riscv64");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal(NoSnapshotRiscv, r.Stderr);
    }

    [Theory]
    [InlineData("xml2argv")]
    [InlineData("xml2xml")]
    public void CapsAndEmulatorTogether_AreRefused(string command)
    {
        var r = Cli.Run(Cli.NoProbing, command, Examples.Xml("x86_64-pc-minimal"), "--caps", Examples.Xml("x86_64-pc-minimal"), "--emulator", "/usr/bin/qemu-system-x86_64");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal($"vireo: {command}: give at most one of --caps FILE and --emulator PATH\n", r.Stderr);
    }

    [Fact]
    public void ProbeTimeout_WithoutEmulator_IsRefused()
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("x86_64-pc-minimal"), "--probe-timeout", "5");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("vireo: xml2argv: --probe-timeout applies only with --emulator PATH\n", r.Stderr);
    }

    [Fact]
    public void MissingCapsFile_IsAUsageError()
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("x86_64-pc-minimal"), "--caps", "/nonexistent/caps.xml");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("vireo: cannot open '/nonexistent/caps.xml': no such file\n", r.Stderr);
    }

    private static string Domain(string name, string type, string virtType) => $"""
        <domain type='{virtType}'>
          <name>{name}</name>
          <uuid>00000000-0000-4000-8000-000000000001</uuid>
          <memory unit='MiB'>256</memory>
          <vcpu>1</vcpu>
          <os>
            {type}
          </os>
          <devices>
            <memballoon model='none'/>
          </devices>
        </domain>
        """;
}
