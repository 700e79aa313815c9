using System.Collections.Immutable;
using System.Text.Json;

namespace Vireo.Qemu.Firmware;

/// <summary>
/// Reads QEMU firmware descriptors the way libvirt's qemu_interop/qemu_firmware code
/// does: files from several directories, a file in a higher-priority directory replacing
/// the same-named file of a lower one, an empty file masking it, the result sorted by
/// file name.
/// </summary>
public static class FirmwareDescriptorReader
{
    /// <summary>Upper bound on a descriptor's size (1 MiB); larger files are refused.</summary>
    public const long MaxDescriptorBytes = 1024 * 1024;

    // QEMU docs/interop/firmware.json architecture names → libvirt arch names
    // (libvirt's virQEMUCapsArchFromString: i386 → i686, arm → armv7l).
    private static readonly ImmutableDictionary<string, string> ArchNames =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["i386"] = "i686",
            ["arm"] = "armv7l",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The standard locations for a host, lowest priority first: <c>/usr/share/qemu/firmware</c>,
    /// <c>/etc/qemu/firmware</c>, and (unprivileged only) the user's config directory.
    /// </summary>
    public static ImmutableArray<string> StandardDirectories(string root, string? userConfigDir)
    {
        ArgumentNullException.ThrowIfNull(root);
        var dirs = ImmutableArray.CreateBuilder<string>();
        dirs.Add(Path.Combine(root, "usr/share/qemu/firmware"));
        dirs.Add(Path.Combine(root, "etc/qemu/firmware"));
        if (userConfigDir is not null)
        {
            dirs.Add(Path.Combine(userConfigDir, "qemu/firmware"));
        }

        return dirs.ToImmutable();
    }

    /// <summary>
    /// Reads every <c>*.json</c> descriptor of <paramref name="directories"/> (lowest
    /// priority first; missing directories are skipped) and returns them sorted by file name.
    /// </summary>
    /// <exception cref="FirmwareDescriptorException">A descriptor cannot be read or parsed.</exception>
    public static ImmutableArray<FirmwareDescriptor> ReadDirectories(IEnumerable<string> directories)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var byName = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var dir in directories)
        {
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir, "*.json"))
            {
                byName[Path.GetFileName(file)] = file;
            }
        }

        var result = ImmutableArray.CreateBuilder<FirmwareDescriptor>();
        foreach (var (name, path) in byName)
        {
            var info = new FileInfo(path);
            if (info.Length == 0)
            {
                continue;
            }

            if (info.Length > MaxDescriptorBytes)
            {
                throw new FirmwareDescriptorException($"firmware descriptor '{path}' is too large");
            }

            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new FirmwareDescriptorException($"cannot read firmware descriptor '{path}': {ex.Message}", ex);
            }

            result.Add(Parse(text, name));
        }

        return result.ToImmutable();
    }

    /// <summary>Parses one descriptor's JSON text.</summary>
    /// <exception cref="FirmwareDescriptorException">The text is not a descriptor.</exception>
    public static FirmwareDescriptor Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(fileName);
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FirmwareDescriptorException($"firmware descriptor '{fileName}' is not a JSON object");
            }

            var mapping = root.TryGetProperty("mapping", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var device = mapping.ValueKind == JsonValueKind.Object ? String(mapping, "device") ?? "" : "";
            string? executable = null;
            string? nvram = null;
            if (device == "flash")
            {
                executable = NestedFileName(mapping, "executable");
                nvram = NestedFileName(mapping, "nvram-template");
            }
            else if (device is "memory" or "kernel")
            {
                executable = String(mapping, "filename");
            }

            return new FirmwareDescriptor
            {
                FileName = fileName,
                Description = String(root, "description") ?? "",
                InterfaceTypes = Strings(root, "interface-types"),
                Device = device,
                Executable = executable,
                NvramTemplate = nvram,
                Targets = Targets(root),
                Features = Strings(root, "features"),
            };
        }
        catch (JsonException ex)
        {
            throw new FirmwareDescriptorException($"cannot parse firmware descriptor '{fileName}': {ex.Message}", ex);
        }
    }

    private static ImmutableArray<FirmwareTarget> Targets(JsonElement root)
    {
        if (!root.TryGetProperty("targets", out var targets) || targets.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var list = ImmutableArray.CreateBuilder<FirmwareTarget>();
        foreach (var t in targets.EnumerateArray())
        {
            if (t.ValueKind != JsonValueKind.Object || String(t, "architecture") is not { } arch)
            {
                continue;
            }

            list.Add(new FirmwareTarget(ArchNames.TryGetValue(arch, out var mapped) ? mapped : arch, Strings(t, "machines")));
        }

        return list.ToImmutable();
    }

    private static string? NestedFileName(JsonElement mapping, string name) =>
        mapping.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.Object ? String(e, "filename") : null;

    private static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;

    private static ImmutableArray<string> Strings(JsonElement obj, string name)
    {
        if (!obj.TryGetProperty(name, out var e) || e.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. e.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!)];
    }
}
