using System.Text.RegularExpressions;

namespace Vireo.Capabilities.Tests;

public class LibvirtCapsXmlTests
{
    public static TheoryData<string> CapsFiles()
    {
        var data = new TheoryData<string>();
        var root = Corpus.Root;
        if (root is null)
        {
            data.Add("");
            return data;
        }

        foreach (var f in Directory.EnumerateFiles(Path.Combine(root, "tests", "qemucapabilitiesdata"), "caps_*.xml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(f));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CapsFiles))]
    public void Load_CorpusFile_CountsMatchText(string fileName)
    {
        var dir = Corpus.CapsDirOrSkip();
        var path = Path.Combine(dir, fileName);
        var text = File.ReadAllText(path);

        var caps = LibvirtCapsXml.Load(path);

        Assert.Equal(CountLines(text, "<flag "), caps.Flags.Count);
        Assert.Equal(CountLines(text, "<machine "), caps.Machines.Length);
        Assert.Equal(CountLines(text, "<cpu "), caps.CpuModels.Length);
        Assert.Equal(CountLines(text, "<gic "), caps.Gic.Length);
        Assert.Equal(CountLines(text, "<hostCPU "), caps.HostCpus.Count);
        Assert.Equal(text.Contains("<sev>", StringComparison.Ordinal), caps.HasSev);
        Assert.Equal(text.Contains("<sgx", StringComparison.Ordinal), caps.HasSgx);

        var version = Regex.Match(text, "<version>([0-9]+)</version>").Groups[1].Value;
        Assert.Equal(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture), caps.Version);
        Assert.True(caps.Version >= 4_000_000);
        Assert.True(CapsFileIndex.TryParseFileName(fileName, out _, out var arch));
        Assert.Equal(arch, caps.Arch);
        Assert.Equal("/usr/bin/qemu-system-" + arch, caps.Emulator);
    }

    [Theory]
    [MemberData(nameof(CapsFiles))]
    public void Format_CorpusFile_RoundTrips(string fileName)
    {
        var path = Path.Combine(Corpus.CapsDirOrSkip(), fileName);
        var caps = LibvirtCapsXml.Load(path);

        var again = LibvirtCapsXml.Parse(LibvirtCapsXml.Format(caps));

        Assert.True(caps.Flags.SetEquals(again.Flags));
        Assert.Equal(caps.Machines, again.Machines);
        Assert.Equal(caps.Version, again.Version);
        Assert.Equal(caps.KvmVersion, again.KvmVersion);
        Assert.Equal(caps.MicrocodeVersion, again.MicrocodeVersion);
        Assert.Equal(caps.Package, again.Package);
        Assert.Equal(caps.Arch, again.Arch);
        Assert.Equal(caps.Emulator, again.Emulator);
        Assert.Equal(caps.Gic, again.Gic);
        Assert.Equal(caps.HasSev, again.HasSev);
        Assert.Equal(caps.HasSgx, again.HasSgx);
        Assert.Equal(caps.CpuModels.Length, again.CpuModels.Length);
        foreach (var (a, b) in caps.CpuModels.Zip(again.CpuModels))
        {
            Assert.Equal(a.Name, b.Name);
            Assert.Equal(a.Accelerator, b.Accelerator);
            Assert.Equal(a.Usable, b.Usable);
            Assert.Equal(a.Blockers, b.Blockers);
        }

        foreach (var (accel, host) in caps.HostCpus)
        {
            Assert.Equal(host.Model, again.HostCpus[accel].Model);
            Assert.Equal(host.Properties, again.HostCpus[accel].Properties);
        }
    }

    [Fact]
    public void Parse_Small_ReadsEveryField()
    {
        const string xml = """
            <qemuCaps>
              <emulator>/usr/bin/qemu-system-aarch64</emulator>
              <flag name='kvm'/>
              <flag name='gic-version'/>
              <version>7000000</version>
              <kvmVersion>1</kvmVersion>
              <microcodeVersion>12345678901</microcodeVersion>
              <package>pkg &amp; co</package>
              <arch>aarch64</arch>
              <hostCPU type='kvm' model='host' migratability='no'>
                <property name='a' type='boolean' value='true' migratable='yes'/>
                <property name='vendor' type='string' value='X'/>
              </hostCPU>
              <cpu type='tcg' name='max' typename='max-arm-cpu' usable='no' deprecated='yes'>
                <blocker name='sve'/>
              </cpu>
              <machine type='kvm' name='virt-7.0' alias='virt' hotplugCpus='yes' maxCpus='512' default='yes' numaMemSupported='yes' defaultCPU='c' defaultRAMid='r' deprecated='yes' acpi='no'/>
              <gic version='3' kernel='yes' emulated='no'/>
              <sev><cbitpos>47</cbitpos></sev>
            </qemuCaps>
            """;

        var caps = LibvirtCapsXml.Parse(xml);

        Assert.Equal("/usr/bin/qemu-system-aarch64", caps.Emulator);
        Assert.True(caps.Has("kvm"));
        Assert.True(caps.Has("gic-version"));
        Assert.Equal(7_000_000, caps.Version);
        Assert.Equal(1, caps.KvmVersion);
        Assert.Equal(12345678901L, caps.MicrocodeVersion);
        Assert.Equal("pkg & co", caps.Package);
        var host = caps.HostCpus[Accelerator.Kvm];
        Assert.Equal("host", host.Model);
        Assert.False(host.Migratability);
        Assert.Equal([new HostCpuProperty("a", "boolean", "true", true), new HostCpuProperty("vendor", "string", "X", null)], host.Properties);
        var cpu = Assert.Single(caps.CpuModels);
        Assert.Equal(Accelerator.Tcg, cpu.Accelerator);
        Assert.Equal("max-arm-cpu", cpu.TypeName);
        Assert.False(cpu.Usable);
        Assert.True(cpu.Deprecated);
        Assert.Equal(["sve"], cpu.Blockers);
        var m = Assert.Single(caps.Machines);
        Assert.Equal(
            new MachineType
            {
                Name = "virt-7.0",
                Accelerator = Accelerator.Kvm,
                Alias = "virt",
                HotplugCpus = true,
                MaxCpus = 512,
                IsDefault = true,
                NumaMemSupported = true,
                DefaultCpu = "c",
                DefaultRamId = "r",
                Deprecated = true,
                Acpi = false,
            },
            m);
        Assert.Equal([new GicCapability(3, true, false)], caps.Gic);
        Assert.True(caps.HasSev);
        Assert.False(caps.HasSgx);
    }

    [Theory]
    [InlineData("<qemuCaps>")]
    [InlineData("<other/>")]
    [InlineData("<qemuCaps><version>abc</version></qemuCaps>")]
    [InlineData("<qemuCaps><machine type='xen' name='a'/></qemuCaps>")]
    [InlineData("<qemuCaps><machine type='kvm'/></qemuCaps>")]
    [InlineData("<qemuCaps><cpu type='kvm' name='a' usable='maybe'/></qemuCaps>")]
    [InlineData("<!DOCTYPE qemuCaps [<!ENTITY x 'y'>]><qemuCaps>&x;</qemuCaps>")]
    public void Parse_Malformed_ThrowsCapabilitiesException(string xml)
    {
        var ex = Assert.Throws<CapabilitiesException>(() => LibvirtCapsXml.Parse(xml));
        Assert.StartsWith("internal error: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsCapabilitiesException()
    {
        Assert.Throws<CapabilitiesException>(() => LibvirtCapsXml.Load(Path.Combine(Path.GetTempPath(), "vireo-no-such-caps.xml")));
    }

    private static int CountLines(string text, string start) =>
        text.Split('\n').Count(l => l.TrimStart().StartsWith(start, StringComparison.Ordinal));
}
