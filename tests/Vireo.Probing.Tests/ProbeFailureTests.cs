namespace Vireo.Probing.Tests;

/// <summary>Probes that cannot succeed fail with a clear <see cref="ProbeException"/> and clean up after themselves.</summary>
[Collection(ProcessTestsCollection.Name)]
public class ProbeFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MissingBinary_IsReported()
    {
        var ex = await Assert.ThrowsAsync<ProbeException>(() => QemuProber.ProbeAsync("/nonexistent/qemu-system-x86_64", null, Ct));
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryThatExits_IsReportedWithItsOutput()
    {
        SkipWithoutProc();
        using var scratch = new ProbeScratch();
        var fake = scratch.Script("exits", "echo 'qemu: unsupported machine' >&2\nexit 3");

        var ex = await Assert.ThrowsAsync<ProbeException>(() =>
            QemuProber.ProbeAsync(fake, new ProbeOptions { TempDirectory = scratch.Directory, Accelerators = ProbeAccelerators.TcgOnly }, Ct));

        Assert.Contains("status 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported machine", ex.Message, StringComparison.Ordinal);
        scratch.AssertNothingLeft();
    }

    [Fact]
    public async Task BinaryThatNeverListens_IsKilledWithItsChildren()
    {
        SkipWithoutProc();
        using var scratch = new ProbeScratch();
        var marker = "31" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fake = scratch.Script("hangs", $"sleep {marker} &\nwait");

        var ex = await Assert.ThrowsAsync<ProbeException>(() =>
            QemuProber.ProbeAsync(fake, new ProbeOptions { TempDirectory = scratch.Directory, StartupTimeout = TimeSpan.FromMilliseconds(300), Accelerators = ProbeAccelerators.TcgOnly }, Ct));

        Assert.Contains("did not answer on its QMP monitor", ex.Message, StringComparison.Ordinal);
        scratch.AssertNothingLeft();
        Assert.Empty(ProcessTable.WithArgument("sleep " + marker));
    }

    [Fact]
    public async Task Cancelled_WhileStarting_LeavesNothing()
    {
        SkipWithoutProc();
        using var scratch = new ProbeScratch();
        var marker = "32" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var fake = scratch.Script("slow", $"sleep {marker}");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            QemuProber.ProbeAsync(fake, new ProbeOptions { TempDirectory = scratch.Directory, Accelerators = ProbeAccelerators.TcgOnly }, cts.Token));

        scratch.AssertNothingLeft();
        Assert.Empty(ProcessTable.WithArgument("sleep " + marker));
    }

    [Fact]
    public void Arguments_AreLibvirtsProbeLine_WithoutDaemonizing()
    {
        var args = QemuProbeProcess.Arguments("kvm:tcg");

        Assert.Equal(["-S", "-no-user-config", "-nodefaults", "-nographic", "-machine", "none,accel=kvm:tcg", "-qmp", "stdio"], args);
        Assert.DoesNotContain("-daemonize", args);
    }

    private static void SkipWithoutProc()
    {
        if (!ProcessTable.Available || !File.Exists("/bin/sh"))
        {
            Assert.Skip("needs Linux /proc and /bin/sh");
        }
    }
}
