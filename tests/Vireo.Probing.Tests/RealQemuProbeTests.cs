using System.Diagnostics;
using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>Probes the QEMU binaries installed on this machine (skipped when absent).</summary>
[Collection(ProcessTestsCollection.Name)]
public class RealQemuProbeTests(ITestOutputHelper output)
{
    private const string X86 = "/usr/bin/qemu-system-x86_64";
    private const string Aarch64 = "/usr/bin/qemu-system-aarch64";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_X86_64()
    {
        SkipUnlessPresent(X86);
        using var scratch = new ProbeScratch();

        var result = await QemuProber.ProbeAsync(X86, new ProbeOptions { TempDirectory = scratch.Directory }, Ct);
        Report(result);
        var caps = result.Capabilities;

        AssertVersion72(caps);
        Assert.Equal("x86_64", caps.Arch);
        Assert.Equal(X86, caps.Emulator);
        foreach (var accel in result.Accelerators)
        {
            AssertMachine(caps, accel, "pc-i440fx-7.2", "pc");
            AssertMachine(caps, accel, "pc-q35-7.2", "q35");
            Assert.Equal("pc-i440fx-7.2", caps.DefaultMachine(accel)!.Name);
            Assert.NotEmpty(caps.CpuModelsFor(accel));
        }

        AssertFlags(caps, "virtio-gpu", "ramfb", "device.json+hotplug", "object.qapified", "vnc", "tcg", "VGA", "qxl", "virtio-vga", "bochs-display", "pcie-root-port");
        Assert.Equal(File.Exists("/dev/kvm") && caps.Has("kvm"), result.Accelerators.Contains(Accelerator.Kvm));
        Assert.Contains(Accelerator.Tcg, result.Accelerators);
        scratch.AssertNothingLeft();

        // The snapshot round-trips through libvirt's cache format.
        var again = LibvirtCapsXml.Parse(LibvirtCapsXml.Format(caps));
        Assert.True(again.Flags.SetEquals(caps.Flags));
        Assert.Equal(caps.Machines, again.Machines);
    }

    [Fact]
    public async Task Probe_Aarch64()
    {
        SkipUnlessPresent(Aarch64);
        using var scratch = new ProbeScratch();

        var result = await QemuProber.ProbeAsync(Aarch64, new ProbeOptions { TempDirectory = scratch.Directory }, Ct);
        Report(result);
        var caps = result.Capabilities;

        AssertVersion72(caps);
        Assert.Equal("aarch64", caps.Arch);
        foreach (var accel in result.Accelerators)
        {
            AssertMachine(caps, accel, "virt-7.2", "virt");
        }

        AssertFlags(caps, "virtio-gpu", "ramfb", "device.json+hotplug", "object.qapified", "vnc", "gic-version", "aarch64-off", "arm-max-cpu", "tcg");
        Assert.NotEmpty(caps.Gic);
        scratch.AssertNothingLeft();
    }

    [Fact]
    public async Task Probe_WithSchemaHelperAndTimings_RecordsEveryStepOfBothQemus()
    {
        SkipUnlessPresent(Aarch64);
        using var scratch = new ProbeScratch();
        var timings = new ProbeTimings();

        var result = await QemuProber.ProbeAsync(Aarch64, new ProbeOptions { TempDirectory = scratch.Directory, Timings = timings, SchemaHelper = true }, Ct);

        var names = timings.Stages.Select(s => s.Name).ToList();
        foreach (var step in new[]
        {
            "tcg: QEMU started", "tcg: greeting read, capabilities negotiated", "tcg: round 1 (independent queries)",
            "tcg: QAPI schema from the other session", "tcg: quit answered", "tcg: exited, reaped, directory removed",
            "tcg (schema): QEMU started", "tcg (schema): QAPI schema for the main session", "tcg (schema): exited, reaped, directory removed",
            "derived the capabilities",
        })
        {
            Assert.Contains(step, names);
        }

        Assert.Contains(names, n => n.StartsWith("tcg: round 2 (", StringComparison.Ordinal));
        Assert.Equal(timings.Stages.Select(s => s.At).Order(), timings.Stages.Select(s => s.At));
        Assert.Equal("aarch64", result.Capabilities.Arch);
        scratch.AssertNothingLeft();

        // The helper changes who answers, not the answer.
        var alone = await QemuProber.ProbeAsync(Aarch64, new ProbeOptions { TempDirectory = scratch.Directory }, Ct);
        Assert.Equal(LibvirtCapsXml.Format(alone.Capabilities), LibvirtCapsXml.Format(result.Capabilities));
        scratch.AssertNothingLeft();
    }

    [Fact]
    public async Task Probe_TcgOnly_SkipsKvm()
    {
        SkipUnlessPresent(X86);
        using var scratch = new ProbeScratch();

        var result = await QemuProber.ProbeAsync(X86, new ProbeOptions { TempDirectory = scratch.Directory, Accelerators = ProbeAccelerators.TcgOnly }, Ct);
        Report(result);

        Assert.Equal([Accelerator.Tcg], result.Accelerators);
        Assert.False(result.Capabilities.Has("kvm"));
        Assert.All(result.Capabilities.Machines, m => Assert.Equal(Accelerator.Tcg, m.Accelerator));
        AssertMachine(result.Capabilities, Accelerator.Tcg, "pc-q35-7.2", "q35");
        scratch.AssertNothingLeft();
    }

    [Fact]
    public async Task Probe_Cancelled_MidWay_LeavesNothing()
    {
        SkipUnlessPresent(X86);
        using var scratch = new ProbeScratch();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(40));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            QemuProber.ProbeAsync(X86, new ProbeOptions { TempDirectory = scratch.Directory }, cts.Token));

        scratch.AssertNothingLeft();
    }

    [Fact]
    public async Task Probe_TimedOut_MidWay_LeavesNothing()
    {
        SkipUnlessPresent(Aarch64);
        using var scratch = new ProbeScratch();

        var ex = await Assert.ThrowsAsync<ProbeException>(() =>
            QemuProber.ProbeAsync(Aarch64, new ProbeOptions { TempDirectory = scratch.Directory, Timeout = TimeSpan.FromMilliseconds(60) }, Ct));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        scratch.AssertNothingLeft();
    }

    private void Report(ProbeResult result)
    {
        output.WriteLine($"{result.Capabilities.Emulator}: {result.Elapsed.TotalMilliseconds:0} ms, accelerators {string.Join(",", result.Accelerators)}, "
            + $"{result.Capabilities.Flags.Count} flags, {result.Capabilities.Machines.Length} machines, {result.Capabilities.CpuModels.Length} CPU models");
        foreach (var e in result.QueryErrors)
        {
            output.WriteLine("  " + e);
        }
    }

    private static void SkipUnlessPresent(string binary)
    {
        if (!File.Exists(binary) || !ProcessTable.Available)
        {
            Assert.Skip($"{binary} not installed (or no /proc)");
        }
    }

    private static void AssertVersion72(QemuCapabilities caps)
    {
        Assert.InRange(caps.Version, 7_002_000, 7_002_999);
        Assert.False(string.IsNullOrEmpty(caps.Package));
    }

    private static void AssertMachine(QemuCapabilities caps, Accelerator accel, string name, string alias)
    {
        var m = caps.FindMachine(alias, accel);
        Assert.NotNull(m);
        Assert.Equal(name, m.Name);
        Assert.Equal(alias, m.Alias);
        Assert.True(m.MaxCpus > 0);
    }

    private static void AssertFlags(QemuCapabilities caps, params string[] flags)
    {
        var missing = flags.Where(f => !caps.Has(f)).ToList();
        Assert.True(missing.Count == 0, "missing flags: " + string.Join(' ', missing));
    }
}
