using System.Diagnostics;
using Vireo.Capabilities;
using Vireo.Domain.Errors;
using Vireo.Runtime.Control;
using Vireo.Runtime.Hotplug;
using Vireo.Runtime.Launch;
using Vireo.Runtime.Screens;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.BootDisplay;

/// <summary>
/// Boots one matrix case for real: a guest with no disk and one video model, started
/// through the runtime, its screen polled every 0.5 s until the firmware draws a picture
/// or the cap passes (the watch is the runtime's <see cref="FirmwareScreenWatch"/>, shared with
/// <c>vireo display-check --verify</c>): a UEFI firmware that reaches its shell on the serial port
/// has finished connecting displays, so two seconds later the case is decided early.
/// </summary>
internal static class MatrixRunner
{
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    // libvirt video model → the capability flag of the QEMU device it needs.
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        ["virtio"] = "virtio-gpu",
        ["vga"] = "VGA",
        ["cirrus"] = "cirrus-vga",
        ["vmvga"] = "vmware-svga",
        ["qxl"] = "qxl",
        ["bochs"] = "bochs-display",
        ["ramfb"] = "ramfb",
    };

    public static async Task<MatrixResult> RunAsync(TempState temp, MatrixRow row, HostInfo host, CancellationToken ct)
    {
        var caps = host.CapabilitiesFor(host.FindGuest(row.Arch)!.Emulator);
        if (Flags.TryGetValue(row.Model, out var flag) && !caps.Has(flag))
        {
            return new MatrixResult(row with { Device = "-", Outcome = "absent" }, null, null, "-", 0, 0, $"no '{flag}' in this QEMU");
        }

        var clock = Stopwatch.StartNew();
        StartResult started;
        try
        {
            started = await DomainLauncher.StartAsync(temp.State, Domains.Parse(row.Xml()), new StartOptions { Host = host, MonitorTimeout = TimeSpan.FromSeconds(60) }, ct);
        }
        catch (VireoException ex)
        {
            var outcome = ex.Message.Contains("QEMU ", StringComparison.Ordinal) ? "failed" : "refused";
            return new MatrixResult(row with { Device = "-", Outcome = outcome }, null, null, "-", 0, 0, ex.Detail);
        }

        var startSeconds = clock.Elapsed.TotalSeconds;
        var device = CommandLineDevices.Plugs(started.CommandLine.Arguments).TryGetValue("video0", out var plug)
            ? CommandLineDevices.Str(plug.Device, "driver") ?? "-"
            : "-";
        try
        {
            var seen = await FirmwareScreenWatch.WatchAsync(temp.State, row.Case, Cap, ct);
            var watch = seen.Watch;
            var shellSeen = seen.FirmwareDone;
            var last = watch.Last;
            if (last.Image is { } picture && Environment.GetEnvironmentVariable("VIREO_MATRIX_PNGS") is { Length: > 0 } pngs)
            {
                Directory.CreateDirectory(pngs);
                ScreenCapture.SavePng(picture, Path.Combine(pngs, row.Case + ".png"));
            }

            var frame = last.Image is { } img ? $"{img.Width}x{img.Height}" : "-";
            var colours = last.Image is { } i ? ScreenAnalyzer.ColourCount(i) : 0;
            var note = last.State == ScreenState.NoDisplay ? last.Message ?? "" : shellSeen ? "UEFI shell reached" : "";
            return new MatrixResult(row with { Device = device, Outcome = seen.Outcome }, startSeconds, watch.FirstPicture?.TotalSeconds, frame, colours, watch.Frames, note);
        }
        finally
        {
            await GuestControl.DestroyAsync(temp.State, row.Case, null, CancellationToken.None);
        }
    }
}
