using System.Diagnostics;
using Vireo.Runtime.Control;
using Vireo.Runtime.Processes;
using Vireo.Runtime.Screens;
using Vireo.Runtime.Tests.Support;
using static Vireo.Runtime.Tests.Live.LiveGuest;

namespace Vireo.Runtime.Tests.Live;

/// <summary>Each fault ends in one clear error, a consistent state directory and no orphan QEMU.</summary>
[Collection(QemuCollection.Name)]
public class FaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task QEMU_killed_with_SIGKILL_during_shutdown()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        var started = await StartAsync(temp, Domains.Aarch64Virt("victim"), options);

        // AAVMF ignores the power button: the shutdown waits out its 60 s unless QEMU dies.
        var shutdown = GuestControl.ShutdownAsync(temp.State, "victim", TimeSpan.FromSeconds(60), null, Ct);
        await Task.Delay(1000, Ct);
        Assert.False(shutdown.IsCompleted);
        var clock = Stopwatch.StartNew();
        ProcessControl.Kill(started.Record.Pid!.Value, started.Record.ProcessStartTime!.Value);

        var ex = await Assert.ThrowsAsync<RuntimeException>(() => shutdown);
        output.WriteLine(ex.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "the shutdown noticed QEMU's death at once");
        Assert.Matches("\\) (killed by signal 9 \\(SIGKILL\\)|exited) before the guest shut down; its state was removed", ex.Message);
        Assert.Empty(await DomainInspector.ListAsync(temp.State, Ct));
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task QEMU_killed_with_SIGKILL_while_the_screen_is_watched()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();

        // AAVMF never draws on VGA: the watch runs until QEMU dies.
        var started = await StartAsync(temp, Domains.Aarch64Virt("watched", video: "vga"), options);
        var watch = WaitForPictureAsync(temp, "watched", 60);
        await Task.Delay(1500, Ct);
        ProcessControl.Kill(started.Record.Pid!.Value, started.Record.ProcessStartTime!.Value);

        var ex = await Assert.ThrowsAsync<RuntimeException>(() => watch);
        output.WriteLine(ex.Message);
        Assert.Matches("QEMU of domain 'watched' \\(pid \\d+\\) (killed by signal 9 \\(SIGKILL\\)|exited) during 'screendump'", ex.Message);

        var status = await StatusAsync(temp, "watched");
        Assert.Equal(GuestState.Crashed, status.State);
        Assert.Empty(temp.Processes());
        Assert.Equal("crashed", (await GuestControl.DestroyAsync(temp.State, "watched", null, Ct)).How);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task QEMU_rejecting_an_option_fails_the_start_with_its_message()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        var xml = Domains.Aarch64Virt("bad")
            .Replace("<domain type='qemu'>", "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>", StringComparison.Ordinal)
            .Replace("</devices>", "</devices><qemu:commandline><qemu:arg value='-no-such-option'/></qemu:commandline>", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<RuntimeException>(() => StartAsync(temp, xml, options));
        output.WriteLine(ex.Message);
        Assert.Matches("QEMU (exited with status 1|exited) while starting domain 'bad'", ex.Message);
        Assert.Contains("-no-such-option: invalid option", ex.Message);
        Assert.Contains("bad.log", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Empty(await DomainInspector.ListAsync(temp.State, Ct));
        temp.AssertNothingLeft();
        Assert.False(Directory.Exists(temp.State.Paths("bad").Directory));
    }

    [Fact]
    public async Task A_missing_firmware_file_is_refused_before_QEMU_starts()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        var xml = Domains.Aarch64Virt("nofw", os: "<os><loader readonly='yes' type='pflash'>/nonexistent/AAVMF_CODE.fd</loader>");
        var ex = await Assert.ThrowsAsync<RuntimeException>(() => StartAsync(temp, xml, options));
        Assert.Equal("operation failed: firmware '/nonexistent/AAVMF_CODE.fd' does not exist (fix <loader>, or install the firmware package)", ex.Message);
        temp.AssertNothingLeft();
        Assert.False(File.Exists(temp.State.Paths("nofw").LogFile));
    }

    [Fact]
    public async Task A_firmware_image_QEMU_cannot_use_fails_the_start_with_its_message()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        var bogus = Path.Combine(temp.Root, "CODE.fd");
        File.WriteAllBytes(bogus, new byte[4096]);
        var xml = Domains.Aarch64Virt("shortfw", os: $"<os><loader readonly='yes' type='pflash'>{bogus}</loader><nvram template='/usr/share/AAVMF/AAVMF_VARS.fd'/>");
        var ex = await Assert.ThrowsAsync<RuntimeException>(() => StartAsync(temp, xml, options));
        output.WriteLine(ex.Message);
        Assert.Matches("QEMU (exited with status 1|exited) while starting domain 'shortfw'", ex.Message);
        Assert.Contains("qemu-system-aarch64:", ex.Message);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task No_firmware_descriptor_for_efi_is_refused_with_what_to_install()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        var empty = Directory.CreateDirectory(Path.Combine(temp.Root, "no-descriptors")).FullName;
        var ex = await Assert.ThrowsAsync<RuntimeException>(() => StartAsync(temp, Domains.Aarch64Virt("efi"), options with { FirmwareDirectories = [empty] }));
        Assert.Contains("no firmware for <os firmware='efi'> on aarch64 'virt-7.2'", ex.Message);
        Assert.Contains("qemu-efi-aarch64", ex.Message);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task An_unwritable_state_directory_is_refused_before_QEMU_starts()
    {
        var options = await X86Async();
        using var temp = new TempState();
        var locked = Directory.CreateDirectory(Path.Combine(temp.Root, "locked")).FullName;
        if (!MakeUnwritable(locked))
        {
            Assert.Skip("cannot make a directory unwritable here (root without chattr)");
        }

        try
        {
            var state = new Vireo.Runtime.State.StateDirectory(locked);
            var ex = await Assert.ThrowsAsync<RuntimeException>(() => Vireo.Runtime.Launch.DomainLauncher.StartAsync(state, Domains.Parse(Domains.X86("ro")), options, Ct));
            output.WriteLine(ex.Message);
            Assert.StartsWith($"operation failed: state directory '{locked}' is not writable", ex.Message);
            Assert.Contains("--state-dir", ex.Message);
            Assert.Empty(ProcessTable.FindRunning(locked));
        }
        finally
        {
            MakeWritable(locked);
        }

        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Two_starts_of_the_same_name_at_once_start_one_guest()
    {
        var options = await X86Async();
        using var temp = new TempState();
        var xml = Domains.X86("twin");
        var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Result: await StartAsync(temp, xml, options), Error: (Exception?)null);
            }
            catch (Exception ex)
            {
                return (Result: (Vireo.Runtime.Launch.StartResult?)null, Error: ex);
            }
        })));

        var winner = Assert.Single(attempts, a => a.Result is not null);
        var loser = Assert.Single(attempts, a => a.Error is not null);
        output.WriteLine(loser.Error!.Message);
        var error = Assert.IsType<RuntimeException>(loser.Error);
        Assert.Matches("domain 'twin' is (already running \\(id 1, pid \\d+\\)|busy: another vireo command is working on it)", error.Message);
        Assert.Single(temp.Processes());
        Assert.Equal(GuestState.Live, (await StatusAsync(temp, "twin")).State);

        await GuestControl.DestroyAsync(temp.State, "twin", null, Ct);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Starting_over_a_crashed_guest_replaces_its_stale_state()
    {
        var options = await X86Async();
        using var temp = new TempState();
        var first = await StartAsync(temp, Domains.X86("phoenix"), options);
        ProcessControl.Kill(first.Record.Pid!.Value, first.Record.ProcessStartTime!.Value);
        await ProcessControl.WaitForExitAsync(first.Record.Pid!.Value, first.Record.ProcessStartTime!.Value, TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(GuestState.Crashed, (await StatusAsync(temp, "phoenix")).State);

        var second = await StartAsync(temp, Domains.X86("phoenix"), options);
        Assert.NotEqual(first.Record.Pid, second.Record.Pid);
        Assert.Equal(GuestState.Live, (await StatusAsync(temp, "phoenix")).State);
        await GuestControl.DestroyAsync(temp.State, "phoenix", null, Ct);
        temp.AssertNothingLeft();
    }

    private static bool MakeUnwritable(string dir)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        if (!Environment.IsPrivilegedProcess)
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        else if (!Run("chattr", "+i", dir))
        {
            return false;
        }

        // Prove it.
        try
        {
            File.WriteAllText(Path.Combine(dir, "probe"), "");
            File.Delete(Path.Combine(dir, "probe"));
            MakeWritable(dir);
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    private static void MakeWritable(string dir)
    {
        if (Environment.IsPrivilegedProcess)
        {
            Run("chattr", "-i", dir);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static bool Run(string program, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                info.ArgumentList.Add(a);
            }

            using var p = Process.Start(info)!;
            p.WaitForExit();
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
