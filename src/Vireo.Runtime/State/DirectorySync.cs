using System.Runtime.InteropServices;
using Vireo.Runtime.Processes;

namespace Vireo.Runtime.State;

/// <summary>
/// Flushes a directory's entries to disk (<c>fsync</c> on the directory), so that a rename
/// into it survives a power cut, not only a crash of the process. .NET cannot open a
/// directory as a file, hence the three libc calls (<see cref="Libc"/>).
/// </summary>
internal static class DirectorySync
{
    /// <summary>Flushes <paramref name="directory"/>'s entries; a file system that cannot do it is accepted as is.</summary>
    /// <exception cref="IOException">The flush failed (an I/O error).</exception>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Libc.Open(directory, Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open directory '{directory}' to flush it: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }

        try
        {
            if (Libc.Fsync(fd) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                // The file system cannot sync a directory (some FUSE, 9p): nothing to do then.
                if (error is not (Libc.EINVAL or Libc.EROFS or Libc.ENOTSUP))
                {
                    throw new IOException($"cannot flush directory '{directory}': {Marshal.GetPInvokeErrorMessage(error)}", error);
                }
            }
        }
        finally
        {
            _ = Libc.Close(fd);
        }
    }
}
