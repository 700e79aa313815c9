using System.Security.Cryptography;
using System.Text;
using System.Xml;
using Vireo.Capabilities;
using Vireo.Probing;

namespace Vireo.Cli;

/// <summary>
/// Probed capabilities kept on disk, one file per QEMU binary, like libvirt's
/// <c>/var/cache/libvirt/qemu/capabilities</c>: the file is named by the SHA-256 of the
/// binary's path and holds the snapshot in libvirt's cache format (usable as <c>--caps</c>)
/// with a <see cref="ProbeCacheKey"/> inside. An entry is used while its key still matches
/// the binary; otherwise (or when it is missing or unreadable) the binary is probed and the
/// entry rewritten atomically. A cache that cannot be written only costs the next probe.
/// </summary>
internal sealed class ProbeCache
{
    private readonly Func<string, ProbeOptions, CancellationToken, Task<QemuCapabilities>> _probe;

    /// <param name="directory">Where the entries live; created (mode 0700) on first write.</param>
    /// <param name="probe">Probes a binary (given by full path); called on a cache miss only.</param>
    public ProbeCache(string directory, Func<string, ProbeOptions, CancellationToken, Task<QemuCapabilities>> probe)
    {
        Directory = directory;
        _probe = probe;
    }

    /// <summary>The cache directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// What identifies this Vireo build's probing: the module version ids of the prober and of
    /// the capabilities format (they change whenever either is rebuilt from different code).
    /// </summary>
    public static string Build { get; } =
        typeof(QemuProber).Assembly.ManifestModule.ModuleVersionId.ToString("N") + "." +
        typeof(LibvirtCapsXml).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    /// <summary>
    /// <c>$XDG_CACHE_HOME/vireo/capabilities</c>, else <c>$HOME/.cache/vireo/capabilities</c>;
    /// null when neither variable is set (then nothing is cached).
    /// </summary>
    public static string? DefaultDirectory() => DefaultDirectory(Environment.GetEnvironmentVariable);

    /// <summary><see cref="DefaultDirectory()"/> with the environment read through <paramref name="environment"/>.</summary>
    public static string? DefaultDirectory(Func<string, string?> environment)
    {
        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "vireo", "capabilities");
        }

        var home = environment("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".cache", "vireo", "capabilities");
    }

    /// <summary>The entry file for a binary (full path).</summary>
    public string EntryPath(string binary) =>
        Path.Combine(Directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(binary))) + ".xml");

    /// <summary>The capabilities of <paramref name="binary"/> (a full path): from the cache when still valid, else probed and stored.</summary>
    /// <exception cref="ProbeException">The binary could not be probed.</exception>
    public QemuCapabilities GetOrProbe(string binary, ProbeOptions options)
    {
        var key = ProbeCacheKey.Of(binary, Build, KvmAvailability.IsUsable(options.KvmDevicePath));
        var entry = EntryPath(binary);
        if (TryRead(entry, key) is { } cached)
        {
            return cached;
        }

        var caps = Interruptible.Run(ct => _probe(binary, options, ct));
        TryWrite(entry, key, caps);
        return caps;
    }

    private static QemuCapabilities? TryRead(string entry, ProbeCacheKey key)
    {
        try
        {
            var text = File.ReadAllText(entry);
            return ProbeCacheKey.Read(text) == key ? LibvirtCapsXml.Parse(text) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or XmlException or CapabilitiesException)
        {
            return null; // missing, unreadable or damaged: probe again
        }
    }

    private void TryWrite(string entry, ProbeCacheKey key, QemuCapabilities caps)
    {
        var xml = LibvirtCapsXml.Format(caps);
        var afterRoot = xml.IndexOf('\n', StringComparison.Ordinal) + 1;
        var text = xml[..afterRoot] + "  " + key.ToXml() + "\n" + xml[afterRoot..];
        try
        {
            if (OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(Directory);
            }
            else
            {
                System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            AtomicFile.Write(entry, text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not cached; the next run probes again.
        }
    }
}
