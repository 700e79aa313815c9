using Vireo.Capabilities.Snapshots;

namespace Vireo.Capabilities.Tests.Snapshots;

/// <summary>The capabilities snapshots embedded in Vireo.Capabilities (Vireo's probe of Debian 12's QEMU 7.2).</summary>
public class EmbeddedSnapshotsTests
{
    [Fact]
    public void Arches_AreX86_64AndAarch64()
    {
        Assert.Equal(["aarch64", "x86_64"], EmbeddedSnapshots.Arches);
        Assert.Equal(EmbeddedSnapshots.Arches, EmbeddedSnapshots.All.Select(s => s.Arch));
    }

    [Fact]
    public void X86_64_IsQemu72_WithKvmAndTcg()
    {
        var caps = EmbeddedSnapshots.For("x86_64");

        Assert.NotNull(caps);
        Assert.Equal("x86_64", caps.Arch);
        Assert.Equal("/usr/bin/qemu-system-x86_64", caps.Emulator);
        Assert.InRange(caps.Version, 7_002_000, 7_002_999);
        Assert.True(caps.Has("kvm"), "the x86_64 snapshot must be probed with KVM (scripts/regenerate-snapshots.sh)");
        Assert.True(caps.Has("tcg"));
        foreach (var accel in new[] { Accelerator.Kvm, Accelerator.Tcg })
        {
            Assert.Equal("pc-i440fx-7.2", caps.DefaultMachine(accel)?.Name);
            Assert.Equal("pc-q35-7.2", caps.FindMachine("q35", accel)?.Name);
            Assert.True(caps.HostCpus.ContainsKey(accel));
        }

        foreach (var flag in new[] { "VGA", "cirrus-vga", "vmware-svga", "qxl", "virtio-gpu", "virtio-vga", "bochs-display", "ramfb", "vfio-pci", "spice", "vnc", "egl-headless" })
        {
            Assert.True(caps.Has(flag), flag);
        }
    }

    [Fact]
    public void Aarch64_IsQemu72_TcgOnly_WithVirtioGpuButNoVirtioVga()
    {
        var caps = EmbeddedSnapshots.For("aarch64");

        Assert.NotNull(caps);
        Assert.Equal("aarch64", caps.Arch);
        Assert.Equal("/usr/bin/qemu-system-aarch64", caps.Emulator);
        Assert.InRange(caps.Version, 7_002_000, 7_002_999);
        Assert.False(caps.Has("kvm"));
        Assert.Equal("virt-7.2", caps.FindMachine("virt", Accelerator.Tcg)?.Name);
        Assert.True(caps.Has("virtio-gpu"));
        Assert.False(caps.Has("virtio-vga"));
        Assert.True(caps.Has("gic-version"));
        Assert.NotEmpty(caps.Gic);
    }

    [Theory]
    [InlineData("riscv64")]
    [InlineData("i686")]
    [InlineData("X86_64")]
    [InlineData("")]
    public void OtherArches_HaveNone(string arch)
    {
        Assert.Null(EmbeddedSnapshots.For(arch));
        Assert.Null(EmbeddedSnapshots.Find(arch));
        Assert.Null(EmbeddedSnapshots.Describe(arch));
    }

    [Fact]
    public void EachSnapshot_IsParsedOnce()
    {
        Assert.Same(EmbeddedSnapshots.For("x86_64"), EmbeddedSnapshots.For("x86_64"));
        Assert.Same(EmbeddedSnapshots.Find("aarch64"), EmbeddedSnapshots.Find("aarch64"));
    }

    [Fact]
    public async Task ConcurrentFirstUse_YieldsOneInstance()
    {
        var snapshot = EmbeddedSnapshots.Find("aarch64")!;
        var all = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => snapshot.Capabilities, TestContext.Current.CancellationToken)));

        Assert.All(all, c => Assert.Same(all[0], c));
    }

    [Fact]
    public void Describe_SaysWhatAndWhence()
    {
        var text = EmbeddedSnapshots.Describe("x86_64");

        Assert.NotNull(text);
        Assert.StartsWith("QEMU 7.2.", text, StringComparison.Ordinal);
        Assert.Contains("/usr/bin/qemu-system-x86_64, x86_64, KVM and TCG, ", text, StringComparison.Ordinal);
        Assert.EndsWith($"{EmbeddedSnapshots.For("x86_64")!.Flags.Count} flags", text, StringComparison.Ordinal);
        Assert.Contains(", aarch64, TCG, ", EmbeddedSnapshots.Describe("aarch64"), StringComparison.Ordinal);
    }

    [Fact]
    public void Resources_AreInVireosOwnFormat()
    {
        // The files are the prober's output, untouched: formatting the parsed snapshot gives them back.
        foreach (var snapshot in EmbeddedSnapshots.All)
        {
            using var stream = typeof(EmbeddedSnapshots).Assembly.GetManifestResourceStream(snapshot.ResourceName);
            Assert.NotNull(stream);
            using var reader = new StreamReader(stream);

            Assert.Equal(reader.ReadToEnd(), LibvirtCapsXml.Format(snapshot.Capabilities));
            Assert.Equal($"Vireo.Capabilities.Snapshots.qemu-{snapshot.Release}-{snapshot.Arch}.xml", snapshot.ResourceName);
        }
    }

    [Theory]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-7.2-x86_64.xml", true, "7.2", "x86_64")]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-10.1-aarch64.xml", true, "10.1", "aarch64")]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-7.2.1-x86_64.xml", false, "", "")]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-7-x86_64.xml", false, "", "")]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-7.2-.xml", false, "", "")]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-7.2-x86_64.json", false, "", "")]
    [InlineData("Vireo.Capabilities.Other.qemu-7.2-x86_64.xml", false, "", "")]
    [InlineData("Vireo.Capabilities.Snapshots.qemu-7.2-x86/64.xml", false, "", "")]
    public void ResourceNames_AreParsed(string name, bool ok, string release, string arch)
    {
        Assert.Equal(ok, EmbeddedSnapshots.TryParseResourceName(name, out var r, out var a));
        if (ok)
        {
            Assert.Equal(release, r);
            Assert.Equal(arch, a);
        }
    }

    [Theory]
    [InlineData(7_002_022, "7.2.22")]
    [InlineData(10_000_000, "10.0.0")]
    [InlineData(8_001_005, "8.1.5")]
    public void VersionText(int version, string text) => Assert.Equal(text, EmbeddedSnapshot.VersionText(version));
}
