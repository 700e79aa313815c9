namespace Vireo.Capabilities.Tests;

public class FlagListCapabilitiesTests
{
    [Fact]
    public void X86_64_NoFlags_GetsBasicFlagsAndFakeMachines()
    {
        var caps = FlagListCapabilities.CreateForArgv([], "x86_64", skipLegacyCpus: false, []);

        Assert.Equal(["no-acpi", "no-hpet"], caps.Flags.Order(StringComparer.Ordinal));
        Assert.Equal("x86_64", caps.Arch);
        Assert.Empty(caps.Machines);
        Assert.Equal(0, caps.Version);
        Assert.Equal(21, caps.CpuModelsFor(Accelerator.Kvm).Count());
        Assert.Equal(21, caps.CpuModelsFor(Accelerator.Tcg).Count());
        Assert.All(caps.CpuModels, c => Assert.Null(c.Usable));

        var cached = FlagListCapabilities.WithFakeMachines(caps, "x86_64", "linux");

        Assert.True(cached.Has("tcg"));
        Assert.True(cached.Has("kvm"));
        Assert.False(cached.Has("hvf"));
        Assert.True(cached.Has("no-acpi"));
        Assert.Equal("/usr/bin/qemu-system-x86_64", cached.Emulator);
        foreach (var accel in new[] { Accelerator.Kvm, Accelerator.Tcg })
        {
            Assert.Equal(["pc", "q35"], cached.MachinesFor(accel).Select(m => m.Name));
            Assert.All(cached.MachinesFor(accel), m =>
            {
                Assert.Null(m.Alias);
                Assert.Equal(0, m.MaxCpus);
                Assert.False(m.HotplugCpus);
                Assert.False(m.IsDefault);
                Assert.True(m.NumaMemSupported);
                Assert.Null(m.DefaultRamId);
            });
            Assert.Equal("pc", cached.DefaultMachine(accel)!.Name);
        }
    }

    [Fact]
    public void SkipLegacyCpus_OnlyModernX86Models()
    {
        var caps = FlagListCapabilities.CreateForArgv([], "i686", skipLegacyCpus: true, []);

        Assert.Equal(
            ["Opteron_G3", "Opteron_G2", "Opteron_G1", "Nehalem", "Penryn", "Conroe", "Haswell-noTSX", "Haswell"],
            caps.CpuModelsFor(Accelerator.Tcg).Select(c => c.Name));
    }

    [Fact]
    public void Aarch64_FlagsGicAndMachines()
    {
        var gic = new[] { new GicCapability(3, true, false) };
        var caps = FlagListCapabilities.CreateForArgv(["kvm", "virtio-mmio"], "aarch64", false, gic);

        Assert.Equal(["aarch64-off", "gic-version", "kvm", "no-acpi", "virtio-mmio"], caps.Flags.Order(StringComparer.Ordinal));
        Assert.Equal(gic, caps.Gic);
        Assert.Equal(["cortex-a9", "cortex-a8", "cortex-a57", "cortex-a53"], caps.CpuModelsFor(Accelerator.Kvm).Select(c => c.Name));

        var mac = FlagListCapabilities.WithFakeMachines(caps, "aarch64", "macos");
        Assert.True(mac.Has("hvf"));
        Assert.True(mac.Has("tcg"));
        Assert.Equal(["virt", "virt-2.6", "versatilepb"], mac.MachinesFor(Accelerator.Hvf).Select(m => m.Name));
        Assert.Empty(mac.MachinesFor(Accelerator.Kvm));
    }

    [Fact]
    public void S390x_KvmCpuModelsOnly()
    {
        var caps = FlagListCapabilities.CreateForArgv([], "s390x", false, []);

        Assert.Equal(["aes-key-wrap", "dea-key-wrap", "loadparm"], caps.Flags.Order(StringComparer.Ordinal));
        Assert.Equal(["z990", "zEC12", "z13"], caps.CpuModelsFor(Accelerator.Kvm).Select(c => c.Name));
        Assert.Empty(caps.CpuModelsFor(Accelerator.Tcg));
    }

    [Fact]
    public void Sparc_TcgOnly()
    {
        var caps = FlagListCapabilities.WithFakeMachines(FlagListCapabilities.CreateForArgv([], "sparc", false, []), "sparc", "linux");

        Assert.Equal(["tcg"], caps.Flags);
        Assert.Equal(["SS-5"], caps.Machines.Select(m => m.Name));
        Assert.Equal(Accelerator.Tcg, caps.Machines[0].Accelerator);
    }

    [Fact]
    public void Ppc64le_ResolvesToPpc64()
    {
        var caps = FlagListCapabilities.CreateForArgv([], "ppc64le", false, []);
        Assert.Equal(["POWER8", "POWER7"], caps.CpuModelsFor(Accelerator.Kvm).Select(c => c.Name));

        var cached = FlagListCapabilities.WithFakeMachines(caps, "ppc64le", "linux");

        Assert.Equal("ppc64", cached.Arch);
        Assert.Equal("/usr/bin/qemu-system-ppc64", cached.Emulator);
        Assert.Equal(["pseries"], cached.MachinesFor(Accelerator.Kvm).Select(m => m.Name));
        Assert.Equal("armv7l", FlagListCapabilities.ResolveArchAlias("armv6l"));
        Assert.Equal("/usr/bin/qemu-system-arm", FlagListCapabilities.FakeEmulatorFor("armv6l"));
    }

    [Fact]
    public void Xml2Xml_OnlyExplicitFlags()
    {
        var caps = FlagListCapabilities.CreateForXml2Xml(["virtio-scsi"], []);

        Assert.Equal(["virtio-scsi"], caps.Flags);
        Assert.Equal("", caps.Arch);
        Assert.Empty(caps.CpuModels);
    }

    [Fact]
    public void FakeArches_TableOrder()
    {
        Assert.Equal(
            ["i686", "x86_64", "aarch64", "armv7l", "ppc64", "ppc", "riscv32", "riscv64", "s390x", "sparc"],
            FlagListCapabilities.FakeArches);
        Assert.Equal("/usr/bin/qemu-system-i386", FlagListCapabilities.FakeEmulatorFor("i686"));
        Assert.Equal("/usr/bin/qemu-system-riscv32", FlagListCapabilities.FakeEmulatorFor("riscv32"));
        Assert.Null(FlagListCapabilities.FakeEmulatorFor("mips"));
    }

    /// <summary>The basic-arch + accelerator flags agree with the manifest's implicit_flags column.</summary>
    [Fact]
    public void ImplicitFlags_MatchArgvManifest()
    {
        var root = Corpus.Root;
        if (root is null)
        {
            Assert.Skip("conformance corpus not found");
        }

        var lines = File.ReadAllLines(Path.Combine(root, "argv.tsv"));
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        var checkedRows = 0;
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split('\t');
            if (f[Col("caps")] != "flags")
            {
                continue;
            }

            var arch = f[Col("arch")];
            var explicitFlags = f[Col("flags")].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var expected = f[Col("implicit_flags")].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var caps = FlagListCapabilities.WithFakeMachines(
                FlagListCapabilities.CreateForArgv(explicitFlags, arch, false, []), arch, f[Col("host_os")]);
            var implicitFlags = caps.Flags.Except(explicitFlags);

            Assert.True(implicitFlags.SetEquals(expected), $"{f[0]}: got {string.Join(",", implicitFlags)}, expected {string.Join(",", expected)}");
            checkedRows++;
        }

        Assert.True(checkedRows > 400);
    }
}
