using Vireo.Qmp;
using Vireo.Runtime.Control;
using Vireo.Runtime.Processes;
using Vireo.Runtime.Screens;
using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;
using static Vireo.Runtime.Tests.Live.LiveGuest;

namespace Vireo.Runtime.Tests.Live;

/// <summary>Start, look at, control and stop real guests through the library.</summary>
[Collection(QemuCollection.Name)]
public class LifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Aarch64_virtio_guest_shows_the_firmware_screen_and_leaves_nothing_behind()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();

        var started = await StartAsync(temp, Domains.Aarch64Virt("arm"), options);
        output.WriteLine($"start: {started.Elapsed.TotalSeconds:0.00} s, pid {started.Record.Pid}, status {started.Status}");
        Assert.Equal("running", started.Status);
        Assert.Equal(1, started.Record.Id);
        var paths = started.Paths;

        // The master key: 32 bytes, owner-only, named on the command line.
        var key = Path.Combine(paths.LibDirectory, "domain-1-arm", "master-key.aes");
        Assert.Equal(32, new FileInfo(key).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        }

        Assert.Contains(started.CommandLine.Arguments, a => a.Contains(key, StringComparison.Ordinal));
        Assert.Contains(started.CommandLine.Environment, kv => kv.Key == "PATH");
        Assert.Contains("-S", started.CommandLine.Arguments);

        // NVRAM copied from the chosen firmware's template.
        Assert.True(File.Exists(Path.Combine(paths.NvramDirectory, "arm_VARS.fd")));
        Assert.Equal("virtio-gpu-pci", Driver(started, "video0"));

        var watch = await WaitForPictureAsync(temp, "arm");
        output.WriteLine($"first picture after {watch.FirstPicture?.TotalSeconds:0.00} s ({watch.Frames} frames), {watch.Last.Image?.Width}x{watch.Last.Image?.Height}");
        Assert.Equal(ScreenState.Picture, watch.Last.State);
        Assert.True(ScreenAnalyzer.ColourCount(watch.Last.Image!) > 2);

        var status = await StatusAsync(temp, "arm");
        Assert.Equal(GuestState.Live, status.State);
        Assert.Equal("running", status.QemuStatus);

        Assert.Equal("paused", await GuestControl.PauseAsync(temp.State, "arm", null, Ct));
        Assert.Equal("paused", (await StatusAsync(temp, "arm")).QemuStatus);
        Assert.Equal("running", await GuestControl.ResumeAsync(temp.State, "arm", null, Ct));

        var reply = await GuestControl.QmpAsync(temp.State, "arm", "query-name", null, null, Ct);
        Assert.Equal("arm", reply.GetProperty("name").GetString());
        var refused = await Assert.ThrowsAsync<QmpErrorException>(() => GuestControl.QmpAsync(temp.State, "arm", "no-such-command", null, null, Ct));
        Assert.Equal("CommandNotFound", refused.ErrorClass);

        var destroyed = await GuestControl.DestroyAsync(temp.State, "arm", null, Ct);
        Assert.Equal("quit", destroyed.How);
        temp.AssertNothingLeft();
        Assert.False(Directory.Exists(paths.Directory));
        Assert.Contains("starting up domain 'arm'", File.ReadAllText(paths.LogFile));
        Assert.Empty(await DomainInspector.ListAsync(temp.State, Ct));
    }

    [Fact]
    public async Task List_tells_a_crashed_QEMU_and_a_dead_socket_from_a_live_guest()
    {
        var options = await X86Async();
        using var temp = new TempState();
        var a = await StartAsync(temp, Domains.X86("alive"), options);
        var b = await StartAsync(temp, Domains.X86("killed"), options);
        var c = await StartAsync(temp, Domains.X86("deaf"), options);
        Assert.Equal([1, 2, 3], new[] { a.Record.Id, b.Record.Id, c.Record.Id });

        ProcessControl.Kill(b.Record.Pid!.Value, b.Record.ProcessStartTime!.Value);
        await ProcessControl.WaitForExitAsync(b.Record.Pid!.Value, b.Record.ProcessStartTime!.Value, TimeSpan.FromSeconds(10), Ct);
        File.Delete(c.Paths.MonitorSocket);

        var list = (await DomainInspector.ListAsync(temp.State, Ct)).ToDictionary(s => s.Name);
        foreach (var s in list.Values)
        {
            output.WriteLine($"{s.Name}: {s.Label} {s.Detail}");
        }

        Assert.Equal(GuestState.Live, list["alive"].State);
        Assert.Equal("running", list["alive"].Label);
        Assert.Equal(GuestState.Crashed, list["killed"].State);
        Assert.Matches("QEMU \\(pid \\d+\\) (killed by signal 9 \\(SIGKILL\\)|is gone)", list["killed"].Detail);
        Assert.Equal(GuestState.Unresponsive, list["deaf"].State);
        Assert.Contains("monitor socket", list["deaf"].Detail);

        var ex = await Assert.ThrowsAsync<RuntimeException>(() => GuestControl.PauseAsync(temp.State, "killed", null, Ct));
        Assert.Contains("is not running: its QEMU", ex.Message);
        Assert.Contains("vireo destroy killed", ex.Message);

        // A new id goes to the lowest free number only once the crashed state is gone.
        Assert.Equal("crashed", (await GuestControl.DestroyAsync(temp.State, "killed", null, Ct)).How);
        Assert.Equal("killed", (await GuestControl.DestroyAsync(temp.State, "deaf", null, Ct)).How);
        var d = await StartAsync(temp, Domains.X86("again"), options);
        Assert.Equal(2, d.Record.Id);

        await GuestControl.DestroyAsync(temp.State, "again", null, Ct);
        await GuestControl.DestroyAsync(temp.State, "alive", null, Ct);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Shutdown_of_a_guest_without_an_OS_falls_back_to_quit_after_the_timeout()
    {
        var options = await X86Async();
        using var temp = new TempState();
        await StartAsync(temp, Domains.X86("fw"), options);
        var result = await GuestControl.ShutdownAsync(temp.State, "fw", TimeSpan.FromSeconds(2), null, Ct);
        Assert.False(result.GuestShutDown);
        Assert.True(result.Elapsed >= TimeSpan.FromSeconds(2));
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Paused_start_stays_paused_until_resumed()
    {
        var options = await X86Async() with { Paused = true };
        using var temp = new TempState();
        var started = await StartAsync(temp, Domains.X86("held"), options);
        Assert.Equal("prelaunch", started.Status);
        Assert.Equal("running", await GuestControl.ResumeAsync(temp.State, "held", null, Ct));
        await GuestControl.DestroyAsync(temp.State, "held", null, Ct);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Serial_console_reaches_the_UEFI_shell_whose_power_off_ends_a_shutdown()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        // The firmware without enrolled keys: its built-in shell may run.
        var os = "<os firmware='efi'><firmware><feature enabled='no' name='secure-boot'/></firmware>";
        await StartAsync(temp, Domains.Aarch64Virt("con", video: "ramfb", os: os), options);
        await using (var serial = await Vireo.Runtime.Serial.SerialConsole.ConnectAsync(temp.State, "con", Ct))
        {
            // Output while nobody listens is lost; the start returned just as the guest began to run.
            var seen = await ReadUntilAsync(serial, "Shell>", TimeSpan.FromSeconds(120));
            output.WriteLine(seen[^Math.Min(300, seen.Length)..]);
            await serial.WriteAsync("ver\r"u8.ToArray(), Ct);
            Assert.Contains("UEFI Interactive Shell", await ReadUntilAsync(serial, "UEFI Interactive Shell", TimeSpan.FromSeconds(60)));

            // The shell ignores the power button, but powers off on 'reset -s': the shutdown
            // sees the guest's SHUTDOWN event and stops waiting.
            var shutdown = GuestControl.ShutdownAsync(temp.State, "con", TimeSpan.FromSeconds(120), null, Ct);
            await Task.Delay(1000, Ct);
            Assert.False(shutdown.IsCompleted);
            await serial.WriteAsync("reset -s\r"u8.ToArray(), Ct);
            var result = await shutdown;
            output.WriteLine($"shutdown took {result.Elapsed.TotalSeconds:0.0} s");
            Assert.True(result.GuestShutDown);
            Assert.True(result.Elapsed < TimeSpan.FromSeconds(60));
        }

        temp.AssertNothingLeft();
    }

    private static async Task<string> ReadUntilAsync(Stream serial, string text, TimeSpan limit)
    {
        var seen = new System.Text.StringBuilder();
        var buffer = new byte[4096];
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(limit);
        try
        {
            while (!seen.ToString().Contains(text, StringComparison.Ordinal))
            {
                var n = await serial.ReadAsync(buffer, cancel.Token);
                Assert.True(n > 0, "the console closed");
                seen.Append(System.Text.Encoding.Latin1.GetString(buffer, 0, n));
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            Assert.Fail($"'{text}' did not appear on the serial console within {limit.TotalSeconds} s; got: {seen}");
        }

        return seen.ToString();
    }

    private static string? Driver(Vireo.Runtime.Launch.StartResult started, string alias) =>
        Vireo.Runtime.Hotplug.CommandLineDevices.Plugs(started.CommandLine.Arguments).TryGetValue(alias, out var plug)
            ? Vireo.Runtime.Hotplug.CommandLineDevices.Str(plug.Device, "driver")
            : null;
}
