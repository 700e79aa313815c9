using System.Globalization;
using System.Text.Json;

namespace Vireo.Runtime.State;

/// <summary>Reads and writes a domain's state files; every write is atomic.</summary>
public static class DomainStore
{
    /// <summary>The record, or null when the domain has none.</summary>
    /// <exception cref="RuntimeException">The record exists but cannot be read or parsed.</exception>
    public static DomainRecord? ReadRecord(DomainPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        string text;
        try
        {
            if (!File.Exists(paths.RecordFile))
            {
                return null;
            }

            text = File.ReadAllText(paths.RecordFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot read state file '{paths.RecordFile}': {ex.Message}", ex);
        }

        try
        {
            return JsonSerializer.Deserialize(text, RuntimeJsonContext.Default.DomainRecord)
                ?? throw new RuntimeException($"state file '{paths.RecordFile}' is empty");
        }
        catch (JsonException ex)
        {
            throw new RuntimeException($"state file '{paths.RecordFile}' is corrupt: {ex.Message} (remove it with 'vireo destroy {paths.Name}')", ex);
        }
    }

    /// <summary>Writes the record (and, once QEMU runs, the pid file).</summary>
    public static void WriteRecord(DomainPaths paths, DomainRecord record)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(record);
        Guard(paths.RecordFile, () =>
        {
            AtomicFile.WriteText(paths.RecordFile, JsonSerializer.Serialize(record, RuntimeJsonContext.Default.DomainRecord) + "\n");
            if (record.Pid is { } pid)
            {
                AtomicFile.WriteText(paths.PidFile, pid.ToString(CultureInfo.InvariantCulture) + "\n", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        });
    }

    /// <summary>Writes the live definition.</summary>
    public static void WriteLiveXml(DomainPaths paths, string xml)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Guard(paths.LiveXmlFile, () => AtomicFile.WriteText(paths.LiveXmlFile, xml.EndsWith('\n') ? xml : xml + "\n"));
    }

    /// <summary>The live definition's text.</summary>
    public static string ReadLiveXml(DomainPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        try
        {
            return File.ReadAllText(paths.LiveXmlFile);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot read the live definition '{paths.LiveXmlFile}': {ex.Message}", ex);
        }
    }

    /// <summary>Removes the domain's runtime directory (sockets, pid file, record, keys). The log and NVRAM stay.</summary>
    public static void RemoveRuntimeState(DomainPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (Directory.Exists(paths.Directory))
                {
                    // The record goes first: a half-removed directory without it is ignored by 'list'.
                    File.Delete(paths.RecordFile);
                    Directory.Delete(paths.Directory, recursive: true);
                }

                return;
            }
            catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && attempt < 3)
            {
                Thread.Sleep(20);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RuntimeException($"cannot remove state directory '{paths.Directory}': {ex.Message}", ex);
            }
        }
    }

    private static void Guard(string file, Action write)
    {
        try
        {
            write();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot write '{file}': {ex.Message}", ex);
        }
    }
}
