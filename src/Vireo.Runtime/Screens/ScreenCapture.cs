using System.Diagnostics;
using System.Text.Json.Nodes;
using Vireo.Qmp;
using Vireo.Runtime.Control;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Screens;

/// <summary>
/// Takes screenshots with QMP <c>screendump</c>: QEMU writes a PPM into the domain's
/// scratch directory, Vireo reads and removes it, classifies the screen and can save it as
/// PNG (its own encoder) atomically.
/// </summary>
public static class ScreenCapture
{
    /// <summary>Captures the screen of an open session's guest.</summary>
    /// <param name="session">The guest.</param>
    /// <param name="device">Video device alias (e.g. <c>video0</c>); null = the primary console.</param>
    /// <param name="head">Head of a multi-head device; needs <paramref name="device"/>.</param>
    public static async Task<Screenshot> CaptureAsync(GuestSession session, string? device = null, int? head = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (head is not null && device is null)
        {
            throw new RuntimeException(Domain.Errors.ErrorKind.InvalidArgument, "a head can only be chosen together with a video device");
        }

        var clock = Stopwatch.StartNew();
        Directory.CreateDirectory(session.Paths.ScratchDirectory);
        var file = Path.Combine(session.Paths.ScratchDirectory, "screendump-" + Path.GetRandomFileName() + ".ppm");
        var args = new JsonObject { ["filename"] = file };
        if (device is not null)
        {
            args["device"] = device;
        }

        if (head is { } h)
        {
            args["head"] = h;
        }

        try
        {
            try
            {
                await session.ExecuteAsync("screendump", args, null, cancellationToken).ConfigureAwait(false);
            }
            catch (QmpErrorException ex) when (ex.Description.Contains("no console", StringComparison.OrdinalIgnoreCase)
                || ex.Description.Contains("not a graphical console", StringComparison.OrdinalIgnoreCase))
            {
                return new Screenshot(ScreenState.NoDisplay, null, ex.Description, clock.Elapsed);
            }

            var image = PpmReader.Read(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
            return new Screenshot(ScreenAnalyzer.Classify(image), image, null, clock.Elapsed);
        }
        catch (FormatException ex)
        {
            throw new RuntimeException($"QEMU's screen dump of domain '{session.Paths.Name}' is unreadable: {ex.Message}", ex);
        }
        finally
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The scratch directory goes with the guest's state.
            }
        }
    }

    /// <summary>Opens a session, captures, and closes it.</summary>
    public static async Task<Screenshot> CaptureAsync(StateDirectory state, string name, string? device = null, int? head = null, SessionOptions? options = null, CancellationToken cancellationToken = default)
    {
        await using var session = await GuestSession.OpenAsync(state, name, options, cancellationToken).ConfigureAwait(false);
        return await CaptureAsync(session, device, head, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the image as PNG, atomically (readers never see a partial file).</summary>
    public static void SavePng(RgbImage image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        try
        {
            AtomicFile.WriteBytes(path, PngEncoder.Encode(image), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot write '{path}': {ex.Message}", ex);
        }
    }
}
