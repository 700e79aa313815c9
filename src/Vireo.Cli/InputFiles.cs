namespace Vireo.Cli;

/// <summary>Checks that input paths exist before anything reads them.</summary>
internal static class InputFiles
{
    /// <summary>Returns <paramref name="path"/> if it names an existing file, else throws a usage error.</summary>
    public static string RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"'{path}' is a directory, not a file" : $"cannot open '{path}': no such file");
        }

        return path;
    }

    /// <summary>Returns <paramref name="path"/> if it names an existing directory, else throws a usage error.</summary>
    public static string RequireDirectory(string path)
    {
        if (!Directory.Exists(path))
        {
            throw new UsageException($"cannot open directory '{path}': no such directory");
        }

        return path;
    }
}
