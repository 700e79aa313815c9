namespace Vireo.Runtime.State;

/// <summary>
/// Writes files so that a reader sees the old content or the new, never a mix: a temporary
/// file in the same directory, flushed to disk, then renamed over the target.
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/>.</summary>
    public static void WriteText(string path, string text, UnixFileMode mode = OwnerReadWrite) =>
        WriteBytes(path, System.Text.Encoding.UTF8.GetBytes(text), mode);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>; the file gets <paramref name="mode"/> from the start.</summary>
    public static void WriteBytes(string path, ReadOnlySpan<byte> bytes, UnixFileMode mode = OwnerReadWrite)
    {
        var full = Path.GetFullPath(path);
        var temp = TempName(full);
        try
        {
            using (var stream = new FileStream(temp, CreateOptions(mode)))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="path"/> through a temporary file.</summary>
    public static void Copy(string source, string path, UnixFileMode mode = OwnerReadWrite)
    {
        var full = Path.GetFullPath(path);
        var temp = TempName(full);
        try
        {
            using (var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read))
            using (var output = new FileStream(temp, CreateOptions(mode)))
            {
                input.CopyTo(output);
                output.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: false);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static FileStreamOptions CreateOptions(UnixFileMode mode)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        return options;
    }

    private static string TempName(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", "." + Path.GetFileName(full) + ".tmp-" + Path.GetRandomFileName());

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless.
        }
    }
}
