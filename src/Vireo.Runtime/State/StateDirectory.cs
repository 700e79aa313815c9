using System.Globalization;

namespace Vireo.Runtime.State;

/// <summary>
/// The directory where guests started by Vireo keep their state, so that later commands
/// (from other processes) find them: <c>domains/NAME/</c> per running guest, plus
/// <c>logs/</c>, <c>nvram/</c> and <c>locks/</c>. The default is
/// <c>$XDG_RUNTIME_DIR/vireo</c>, or <c>/run/vireo</c> for root.
/// </summary>
public sealed class StateDirectory
{
    internal const string DomainsFolder = "domains";
    internal const string LogsFolder = "logs";
    internal const string NvramFolder = "nvram";
    internal const string LocksFolder = "locks";

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Longest domain name accepted (it names directories and sockets).</summary>
    public const int MaxNameLength = 64;

    public StateDirectory(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The directory's absolute path.</summary>
    public string Root { get; }

    /// <summary>The default state directory: <c>/run/vireo</c> for root, else <c>$XDG_RUNTIME_DIR/vireo</c>.</summary>
    /// <exception cref="RuntimeException">Not root and <c>XDG_RUNTIME_DIR</c> is unset.</exception>
    public static string DefaultPath()
    {
        if (Environment.IsPrivilegedProcess)
        {
            return "/run/vireo";
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (string.IsNullOrEmpty(runtime))
        {
            throw new RuntimeException("XDG_RUNTIME_DIR is not set, so there is no default state directory; pass --state-dir DIR");
        }

        return Path.Combine(runtime, "vireo");
    }

    /// <summary>The paths of one domain.</summary>
    /// <exception cref="RuntimeException">The name cannot be used as a file name.</exception>
    public DomainPaths Paths(string name)
    {
        ValidateName(name);
        return new DomainPaths(Root, name);
    }

    /// <summary>Refuses names that cannot name a directory: empty, too long, with '/', control characters, or starting with '.'.</summary>
    public static void ValidateName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxNameLength || name[0] == '.' || name.Contains('/', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new RuntimeException(Domain.Errors.ErrorKind.InvalidArgument,
                $"domain name '{Printable(name)}' cannot be used: names must be 1-{MaxNameLength.ToString(CultureInfo.InvariantCulture)} characters, without '/' or control characters, and not start with '.'");
        }
    }

    /// <summary>
    /// Creates the directory and its sub-directories (mode 0700) and proves it is writable.
    /// </summary>
    /// <exception cref="RuntimeException">It cannot be created or written.</exception>
    public void EnsureWritable()
    {
        try
        {
            foreach (var dir in new[] { Root, Sub(DomainsFolder), Sub(LogsFolder), Sub(NvramFolder), Sub(LocksFolder) })
            {
                if (!Directory.Exists(dir))
                {
                    if (OperatingSystem.IsWindows())
                    {
                        Directory.CreateDirectory(dir);
                    }
                    else
                    {
                        Directory.CreateDirectory(dir, Private);
                    }
                }
            }

            var probe = Path.Combine(Sub(LocksFolder), ".write-test-" + Path.GetRandomFileName());
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"state directory '{Root}' is not writable: {ex.Message} (choose another with --state-dir)", ex);
        }
    }

    /// <summary>Names of the domains that have state here (a record file), sorted.</summary>
    public IReadOnlyList<string> DomainNames()
    {
        var domains = Sub(DomainsFolder);
        if (!Directory.Exists(domains))
        {
            return [];
        }

        try
        {
            return [.. Directory.EnumerateDirectories(domains)
                .Where(d => File.Exists(Path.Combine(d, "domain.json")))
                .Select(d => Path.GetFileName(d))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot read state directory '{Root}': {ex.Message}", ex);
        }
    }

    /// <summary>Takes the domain's lock, waiting up to <paramref name="wait"/>.</summary>
    /// <exception cref="RuntimeException">Another vireo command holds it.</exception>
    public FileLock LockDomain(string name, TimeSpan wait)
    {
        var paths = Paths(name);
        return TryLock(paths.LockFile, wait)
            ?? throw new RuntimeException($"domain '{name}' is busy: another vireo command is working on it (try again when it has finished)");
    }

    /// <summary>Takes the domain's lock only if it is free at once; null when another command holds it.</summary>
    public FileLock? TryLockDomain(string name) => TryLock(Paths(name).LockFile, TimeSpan.Zero);

    /// <summary>Serializes the allocation of domain ids.</summary>
    internal FileLock LockIds() =>
        TryLock(Path.Combine(Sub(LocksFolder), ".ids.lock"), TimeSpan.FromSeconds(30))
        ?? throw new RuntimeException($"cannot allocate a domain id: the id lock in '{Root}' stayed busy for 30 s");

    private FileLock? TryLock(string path, TimeSpan wait)
    {
        try
        {
            return FileLock.TryAcquire(path, wait);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot open lock file '{path}': {ex.Message}", ex);
        }
    }

    private string Sub(string folder) => Path.Combine(Root, folder);

    private static string Printable(string name) =>
        new([.. name.Select(c => char.IsControl(c) ? '?' : c)]);
}
