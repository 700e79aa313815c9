using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Vireo.Capabilities;

/// <summary>
/// The <c>caps_X.Y.Z.ARCH.xml</c> files of a capabilities directory (libvirt's
/// <c>tests/qemucapabilitiesdata</c>), with the "latest" file per arch: the one with the
/// highest X*10^6 + Y*10^3 + Z.
/// </summary>
public sealed partial class CapsFileIndex
{
    private readonly ImmutableDictionary<string, CapsFile> latest;

    /// <summary>Scans a directory. Files not named <c>caps_X.Y.Z.ARCH.xml</c> are ignored.</summary>
    /// <exception cref="CapabilitiesException">The directory does not exist.</exception>
    public CapsFileIndex(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new CapabilitiesException($"capabilities directory '{directory}' does not exist");
        }

        Directory = directory;
        var files = new List<CapsFile>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "caps_*.xml"))
        {
            if (TryParseFileName(System.IO.Path.GetFileName(path), out var version, out var arch))
            {
                files.Add(new CapsFile(path, version, VersionValue(version), arch));
            }
        }

        files.Sort((a, b) =>
        {
            var c = string.CompareOrdinal(a.Arch, b.Arch);
            return c != 0 ? c : a.Version.CompareTo(b.Version);
        });
        Files = [.. files];

        var best = new Dictionary<string, CapsFile>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            if (!best.TryGetValue(f.Arch, out var current) || f.Version > current.Version)
            {
                best[f.Arch] = f;
            }
        }

        latest = best.ToImmutableDictionary(StringComparer.Ordinal);
    }

    /// <summary>The directory scanned.</summary>
    public string Directory { get; }

    /// <summary>All caps files, sorted by arch then version.</summary>
    public ImmutableArray<CapsFile> Files { get; }

    /// <summary>Arches that have at least one caps file, sorted.</summary>
    public IEnumerable<string> Arches => latest.Keys.Order(StringComparer.Ordinal);

    /// <summary>Path of the newest caps file for an arch, or null when the arch has none.</summary>
    public string? LatestFor(string arch) => latest.TryGetValue(arch, out var f) ? f.Path : null;

    /// <summary>The newest caps file entry for an arch, or null.</summary>
    public CapsFile? LatestEntryFor(string arch) => latest.TryGetValue(arch, out var f) ? f : null;

    /// <summary>
    /// Path of <c>caps_VERSION.ARCH.xml</c> in the directory. The version <c>latest</c>
    /// resolves to the newest file of the arch.
    /// </summary>
    /// <exception cref="CapabilitiesException">"latest" was asked for an arch with no caps file.</exception>
    public string PathFor(string version, string arch)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(arch);
        if (version == "latest")
        {
            return LatestFor(arch) ?? throw new CapabilitiesException($"no capabilities file for arch '{arch}'");
        }

        return System.IO.Path.Combine(Directory, "caps_" + version + "." + arch + ".xml");
    }

    /// <summary>Splits a file name <c>caps_X.Y.Z.ARCH.xml</c> into its version text and arch.</summary>
    public static bool TryParseFileName(string fileName, out string version, out string arch)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var m = FileNamePattern().Match(fileName);
        if (!m.Success)
        {
            version = "";
            arch = "";
            return false;
        }

        version = m.Groups["ver"].Value;
        arch = m.Groups["arch"].Value;
        return true;
    }

    /// <summary>Converts <c>X.Y.Z</c> to X*1_000_000 + Y*1_000 + Z.</summary>
    /// <exception cref="CapabilitiesException">The text is not three dot-separated numbers.</exception>
    public static int VersionValue(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.');
        if (parts.Length != 3)
        {
            throw new CapabilitiesException($"invalid version '{version}'");
        }

        var value = 0;
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 999)
            {
                throw new CapabilitiesException($"invalid version '{version}'");
            }

            value = (value * 1000) + n;
        }

        return value;
    }

    [GeneratedRegex(@"^caps_(?<ver>[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3})\.(?<arch>[A-Za-z0-9_]+)\.xml$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
