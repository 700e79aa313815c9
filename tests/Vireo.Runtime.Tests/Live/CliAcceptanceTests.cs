using System.Diagnostics;
using System.Text.RegularExpressions;
using Vireo.Runtime.Processes;
using Vireo.Runtime.Screens;
using Vireo.Runtime.Tests.Screens;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.Live;

/// <summary>
/// The README's commands, run as a user runs them: the real <c>vireo</c> in child
/// processes, QEMU outliving each of them.
/// </summary>
[Collection(QemuCollection.Name)]
public partial class CliAcceptanceTests(ITestOutputHelper output)
{
    private static readonly string Examples = FindExamples();

    [Fact]
    public async Task Readme_flow_start_screenshot_list_hotplug_destroy()
    {
        await QemuHosts.ForAsync("aarch64", QemuHosts.Aavmf);
        using var temp = new TempState();
        var dir = temp.Root;
        var disk = Path.Combine(dir, "vdb.img");
        File.WriteAllBytes(disk, new byte[1024 * 1024]);
        var diskXml = Path.Combine(dir, "vdb.xml");
        File.WriteAllText(diskXml, File.ReadAllText(Path.Combine(Examples, "vdb.xml")).Replace("/tmp/vireo-vdb.img", disk, StringComparison.Ordinal));
        var png = Path.Combine(dir, "arm-uefi.png");

        var clock = Stopwatch.StartNew();
        var start = await Vireo("start", Path.Combine(Examples, "arm-uefi.xml"), "--state-dir", dir);
        output.WriteLine($"start: {clock.Elapsed.TotalSeconds:0.00} s (CLI process, probe cached) — {start.Stdout}");
        Assert.Matches("Domain 'arm-uefi' started \\(id 1, pid \\d+\\), running, in", start.Stdout);

        // QEMU outlived the vireo that started it.
        var pid = int.Parse(File.ReadAllText(Path.Combine(dir, "domains/arm-uefi/qemu.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ProcessTable.Read(pid)?.IsRunning);

        clock.Restart();
        var shot = await Vireo("screenshot", "arm-uefi", png, "--wait", "90", "--state-dir", dir);
        output.WriteLine($"screenshot --wait: {clock.Elapsed.TotalSeconds:0.00} s — {shot.Stdout}");
        Assert.Contains("picture)", shot.Stdout);
        var image = PngDecoder.Decode(File.ReadAllBytes(png));
        Assert.Equal(ScreenState.Picture, ScreenAnalyzer.Classify(image));

        var list = await Vireo("list", "--state-dir", dir);
        Assert.Matches("(?m)^1\\s+arm-uefi\\s+running\\s+" + pid, list.Stdout);

        var attach = await Vireo("attach-device", "arm-uefi", diskXml, "--state-dir", dir);
        Assert.Contains("Device 'virtio-disk1' (virtio-blk-pci) attached to domain 'arm-uefi' at PCI 0000:02:00.0", attach.Stdout);
        var block = await Vireo("qmp", "arm-uefi", "{\"execute\":\"query-block\"}", "--state-dir", dir);
        Assert.Contains(disk, block.Stdout);

        var destroy = await Vireo("destroy", "arm-uefi", "--state-dir", dir);
        Assert.Equal("Domain 'arm-uefi' destroyed\n", destroy.Stdout);
        Assert.Null(ProcessTable.Read(pid) is { IsRunning: true } ? pid : null);
        temp.AssertNothingLeft();
        Assert.Equal("Id  Name  State  Pid  Detail\n", (await Vireo("list", "--state-dir", dir)).Stdout);
    }

    [Fact]
    public async Task List_tells_running_from_crashed_and_SIGKILL_mid_shutdown_is_a_clear_error()
    {
        await QemuHosts.ForAsync("x86_64");
        using var temp = new TempState();
        var dir = temp.Root;
        foreach (var name in new[] { "one", "two" })
        {
            var xml = Path.Combine(dir, name + ".xml");
            File.WriteAllText(xml, Domains.X86(name));
            await Vireo("start", xml, "--state-dir", dir);
        }

        var pidOne = Pid(dir, "one");
        var pidTwo = Pid(dir, "two");
        Kill(pidOne);
        var list = await Vireo("list", "--state-dir", dir);
        output.WriteLine(list.Stdout);
        Assert.Matches($"(?m)^1\\s+one\\s+crashed\\s+{pidOne}\\s+QEMU \\(pid {pidOne}\\) is gone$", list.Stdout);
        Assert.Matches($"(?m)^2\\s+two\\s+running\\s+{pidTwo}$", list.Stdout);

        var status = await VireoFails(1, "pause", "one", "--state-dir", dir);
        Assert.Matches("^vireo: operation failed: domain 'one' is not running: its QEMU \\(pid \\d+\\) has exited; 'vireo destroy one' clears its state \\(log: .*one\\.log\\)\n$", status.Stderr);

        // SeaBIOS ignores the power button, so the shutdown waits; QEMU is killed meanwhile.
        var shutdown = VireoCli.Start("shutdown", "two", "--timeout", "60", "--state-dir", dir);
        var stderr = shutdown.StandardError.ReadToEndAsync(LiveGuest.Ct);
        await Task.Delay(1500, LiveGuest.Ct);
        Kill(pidTwo);
        await shutdown.WaitForExitAsync(LiveGuest.Ct);
        output.WriteLine(await stderr);
        Assert.Equal(1, shutdown.ExitCode);
        Assert.Matches($"^vireo: operation failed: QEMU of domain 'two' \\(pid {pidTwo}\\) exited before the guest shut down; its state was removed", await stderr);

        Assert.Contains("was not running", (await Vireo("destroy", "one", "--state-dir", dir)).Stdout);
        Assert.Equal("Id  Name  State  Pid  Detail\n", (await Vireo("list", "--state-dir", dir)).Stdout);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Two_vireo_starts_of_the_same_name_at_once_start_one_QEMU()
    {
        await QemuHosts.ForAsync("x86_64");
        using var temp = new TempState();
        var xml = Path.Combine(temp.Root, "race.xml");
        File.WriteAllText(xml, Domains.X86("race"));
        await Vireo("list", "--state-dir", temp.Root); // warm the probe cache so both race the start itself

        var runs = await Task.WhenAll(VireoCli.RunAsync("start", xml, "--state-dir", temp.Root), VireoCli.RunAsync("start", xml, "--state-dir", temp.Root));
        foreach (var r in runs)
        {
            output.WriteLine(r.ToString());
        }

        Assert.Single(runs, r => r.ExitCode == 0);
        var failed = Assert.Single(runs, r => r.ExitCode != 0);
        Assert.Equal(1, failed.ExitCode);
        Assert.Matches("^vireo: operation failed: domain 'race' is (already running \\(id 1, pid \\d+\\)|busy: another vireo command is working on it.*)\n$", failed.Stderr);
        Assert.Single(temp.Processes());
        await Vireo("destroy", "race", "--state-dir", temp.Root);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task Failures_are_one_line_with_exit_1()
    {
        await QemuHosts.ForAsync("x86_64");
        using var temp = new TempState();
        var file = Path.Combine(temp.Root, "not-a-dir");
        File.WriteAllText(file, "");
        var xml = Path.Combine(temp.Root, "g.xml");
        File.WriteAllText(xml, Domains.X86("g"));

        var unwritable = await VireoFails(1, "start", xml, "--state-dir", Path.Combine(file, "state"));
        Assert.Matches("^vireo: operation failed: state directory '.*' is not writable: .* \\(choose another with --state-dir\\)\n$", unwritable.Stderr);
        Assert.Matches("^vireo: operation failed: domain 'nope' is not running \\(no state for it in '.*'\\)\n$", (await VireoFails(1, "destroy", "nope", "--state-dir", temp.Root)).Stderr);
        Assert.Matches("^vireo: operation failed: domain 'nope' is not running", (await VireoFails(1, "screenshot", "nope", Path.Combine(temp.Root, "x.png"), "--state-dir", temp.Root)).Stderr);
        Assert.Matches("^vireo: qmp: the command is not valid JSON", (await VireoFails(2, "qmp", "g", "{", "--state-dir", temp.Root)).Stderr);
        temp.AssertNothingLeft();
    }

    private static int Pid(string dir, string name) =>
        int.Parse(File.ReadAllText(Path.Combine(dir, "domains", name, "qemu.pid")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    private static void Kill(int pid)
    {
        var info = ProcessTable.Read(pid)!;
        ProcessControl.Kill(pid, info.StartTime);
        for (var i = 0; i < 200 && ProcessTable.Read(pid) is { IsRunning: true }; i++)
        {
            Thread.Sleep(25);
        }
    }

    private async Task<CliRun> Vireo(params string[] args)
    {
        var run = await VireoCli.RunAsync(args);
        Assert.True(run.ExitCode == 0, $"vireo {string.Join(' ', args)}: {run}");
        Assert.DoesNotMatch(StackTrace(), run.Stderr);
        return run;
    }

    private static async Task<CliRun> VireoFails(int code, params string[] args)
    {
        var run = await VireoCli.RunAsync(args);
        Assert.True(run.ExitCode == code, $"vireo {string.Join(' ', args)}: expected exit {code}: {run}");
        Assert.DoesNotMatch(StackTrace(), run.Stderr);
        return run;
    }

    private static string FindExamples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "runtime");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("examples/runtime not found above the test directory");
    }

    [GeneratedRegex("\\n\\s+at ")]
    private static partial Regex StackTrace();
}
