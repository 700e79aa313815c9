using System.Diagnostics;

namespace Vireo.Runtime.State;

/// <summary>
/// An exclusive advisory lock on a file (<c>flock</c>, which .NET takes for
/// <see cref="FileShare.None"/> on Unix). The kernel drops it when the holder exits, however
/// it exits, so a crashed vireo never leaves a stale lock. Lock files are never deleted,
/// so every process locks the same inode.
/// </summary>
public sealed class FileLock : IDisposable
{
    // What .NET puts in IOException.HResult when flock finds the file locked: the raw errno
    // (EWOULDBLOCK: 11 on Linux, 35 on macOS), or ERROR_SHARING_VIOLATION on Windows.
    private static readonly int[] LockedCodes = [11, 35, unchecked((int)0x80070020)];

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock, retrying until <paramref name="wait"/> has passed; null when another holder keeps it.</summary>
    public static FileLock? TryAcquire(string path, TimeSpan wait)
    {
        var clock = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileLock(new FileStream(path, options));
            }
            catch (IOException ex) when (LockedCodes.Contains(ex.HResult))
            {
                if (clock.Elapsed >= wait)
                {
                    return null;
                }
            }

            Thread.Sleep(delay);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(100).Ticks));
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _stream.Dispose();
}
