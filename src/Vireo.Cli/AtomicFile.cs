namespace Vireo.Cli;

/// <summary>Writes files so that readers see either the old content or the new, never a partial file.</summary>
internal static class AtomicFile
{
    /// <summary>Writes to a temporary file next to <paramref name="path"/>, flushes it to disk, then renames it over the target.</summary>
    public static void Write(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        var temp = Path.Combine(dir, "." + Path.GetFileName(full) + ".tmp-" + Path.GetRandomFileName());
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
