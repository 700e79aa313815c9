using RuntimeAtomicFile = Vireo.Runtime.State.AtomicFile;

namespace Vireo.Cli;

/// <summary>
/// Writes the CLI's output files so that readers see either the old content or the new, never
/// a partial file. It forwards to <see cref="RuntimeAtomicFile"/>, the one implementation
/// (temporary file in the same directory, flushed, renamed over the target, directory flushed).
/// </summary>
internal static class AtomicFile
{
    // An ordinary user file: 0666 filtered by the umask, as a plain File.Create would make it.
    private const UnixFileMode UserFile =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    /// <summary>Writes <paramref name="text"/> (UTF-8) to <paramref name="path"/> atomically.</summary>
    public static void Write(string path, string text) => RuntimeAtomicFile.WriteText(path, text, UserFile);
}
