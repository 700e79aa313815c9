using System.Globalization;
using Vireo.Runtime;
using Vireo.Runtime.Control;
using Vireo.Runtime.Screens;

namespace Vireo.Cli;

/// <summary>The <c>screenshot</c> command: the guest's screen as PNG.</summary>
internal static class ScreenshotCommand
{
    private const string CmdName = "screenshot";

    public static int Run(IEnumerable<string> args, TextWriter stdout)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["state-dir", "head", "device", "wait"], []);
        var positional = a.ExpectPositional(CmdName, 2, "a domain NAME and an OUT.png file");
        var (name, output) = (positional[0], positional[1]);
        int? head = null;
        if (a.Option("head") is { } h)
        {
            head = int.TryParse(h, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 64
                ? n
                : throw new UsageException($"{CmdName}: --head must be a head number (0, 1, ...), not '{h}'");
        }

        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } dir && !Directory.Exists(dir))
        {
            throw new UsageException($"{CmdName}: cannot write '{output}': no such directory");
        }

        // A head belongs to a video device; without --device, the primary one (video0).
        var device = a.Option("device") ?? (head is null ? null : "video0");
        var state = GuestCommandSupport.State(a);
        var wait = GuestCommandSupport.Seconds(CmdName, "wait", a.Option("wait"), TimeSpan.Zero);
        if (wait > TimeSpan.Zero && (device is not null || head is not null))
        {
            throw new UsageException($"{CmdName}: --wait watches the primary display; it cannot be combined with --device or --head");
        }

        var (shot, waited) = GuestCommandSupport.Run(CmdName, async ct =>
        {
            if (wait == TimeSpan.Zero)
            {
                return (await ScreenCapture.CaptureAsync(state, name, device, head, null, ct).ConfigureAwait(false), (TimeSpan?)null);
            }

            await using var session = await GuestSession.OpenAsync(state, name, null, ct).ConfigureAwait(false);
            var watch = await ScreenWatch.WaitForPictureAsync(session, wait, TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
            return (watch.Last, (TimeSpan?)watch.Elapsed);
        });
        if (shot.Image is null)
        {
            throw new RuntimeException($"domain '{name}' has no display to take a screenshot from ({shot.Message})");
        }

        ScreenCapture.SavePng(shot.Image, output);
        var what = shot.State switch
        {
            ScreenState.Blank => "blank: a single colour",
            ScreenState.Placeholder => "QEMU's placeholder: the guest has not initialized the display",
            _ => "picture",
        };
        var when = waited is { } w ? $"after {GuestCommandSupport.Format(w)}" : $"in {GuestCommandSupport.Format(shot.Elapsed)}";
        stdout.WriteLine($"Wrote {output} ({shot.Image.Width}x{shot.Image.Height}, {what}) {when}");
        return ExitCodes.Ok;
    }
}
