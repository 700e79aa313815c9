namespace Vireo.Runtime.State;

/// <summary>
/// Writes files so that a reader — or the next process after a crash at any instant — sees
/// the old content or the new, never a mix: the data goes to a temporary file in the same
/// directory (<c>.NAME.tmp-RANDOM</c>), which is flushed to disk, renamed over the target,
/// and then the directory itself is flushed so the rename is durable too. A crash leaves at
/// worst a stray temporary file, which no reader looks at. This is the one implementation:
/// the runtime's state files (record, pid, live XML, keys, NVRAM copies) and the CLI's
/// output files all go through it.
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    // Temporary files are ".TARGET.tmp-RANDOM": hidden, and never named like a target.
    private const string TempPrefix = ".";
    private const string TempMarker = ".tmp-";

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

            Publish(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="path"/> through a temporary file
    /// (an NVRAM store from its template). Unless <paramref name="overwrite"/>, an existing
    /// target is left alone and the copy fails with an <see cref="IOException"/>.
    /// </summary>
    public static void Copy(string source, string path, UnixFileMode mode = OwnerReadWrite, bool overwrite = false)
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

            Publish(temp, full, overwrite);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Whether <paramref name="fileName"/> (a name, not a path) is one of our temporary files.</summary>
    internal static bool IsTempFile(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return fileName.StartsWith(TempPrefix, StringComparison.Ordinal) && fileName.Contains(TempMarker, StringComparison.Ordinal);
    }

    /// <summary>Renames the flushed temporary file over the target (rename(2) is atomic), then makes the rename durable.</summary>
    private static void Publish(string temp, string full, bool overwrite)
    {
        File.Move(temp, full, overwrite);
        DirectorySync.Flush(Path.GetDirectoryName(full) ?? ".");
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
        Path.Combine(Path.GetDirectoryName(full) ?? ".", TempPrefix + Path.GetFileName(full) + TempMarker + Path.GetRandomFileName());

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
