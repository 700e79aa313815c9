using System.Runtime.InteropServices;

namespace Vireo.Runtime.State;

/// <summary>
/// Flushes a directory's entries to disk (<c>fsync</c> on the directory), so that a rename
/// into it survives a power cut, not only a crash of the process. .NET cannot open a
/// directory as a file, hence the three libc calls.
/// </summary>
internal static partial class DirectorySync
{
    // <fcntl.h>: O_RDONLY and O_CLOEXEC have the same values on x86_64 and aarch64 Linux.
    private const int O_RDONLY = 0x0;
    private const int O_CLOEXEC = 0x80000;

    // <errno.h>: the file system cannot sync a directory (some FUSE, 9p); nothing to do then.
    private const int EINVAL = 22;
    private const int EROFS = 30;
    private const int ENOTSUP = 95;

    /// <summary>Flushes <paramref name="directory"/>'s entries; a file system that cannot do it is accepted as is.</summary>
    /// <exception cref="IOException">The flush failed (an I/O error).</exception>
    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var fd = Open(directory, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot open directory '{directory}' to flush it: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                if (error is not (EINVAL or EROFS or ENOTSUP))
                {
                    throw new IOException($"cannot flush directory '{directory}': {Marshal.GetPInvokeErrorMessage(error)}", error);
                }
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
