using System.Security.Cryptography;
using System.Text;
using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;

namespace Vireo.Cli.Tests;

/// <summary>
/// --emulator PATH: the binary is probed once and its capabilities cached by path, modification
/// time and size, like libvirt's capabilities cache. A counting prober stands in for QEMU.
/// </summary>
public class ProbeCacheTests
{
    private const string Example = "x86_64-q35-spice-qxl";

    [Fact]
    public void SecondRun_UsesTheCache_WithoutProbing()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu-system-x86_64", "exit 1");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));
        var entry = new ProbeCache(services.ProbeCacheDirectory!, services.Probe).EntryPath(binary);

        var first = Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        var written = File.GetLastWriteTimeUtc(entry);
        var second = Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        Assert.Equal("", first.Stderr);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, prober.Calls);
        Assert.Equal(written, File.GetLastWriteTimeUtc(entry));
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(Examples.GoldenArgs(Example), second.Stdout);
    }

    [Fact]
    public void ChangedBinary_IsProbedAgain()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));

        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        File.SetLastWriteTimeUtc(binary, File.GetLastWriteTimeUtc(binary).AddSeconds(-10));
        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        Assert.Equal(2, prober.Calls);

        var mtime = File.GetLastWriteTimeUtc(binary);
        File.AppendAllText(binary, "# grown\n");
        File.SetLastWriteTimeUtc(binary, mtime);
        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        Assert.Equal(3, prober.Calls);

        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        Assert.Equal(3, prober.Calls);
    }

    [Fact]
    public void DamagedEntry_IsProbedAgainAndRewritten()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));
        var entry = new ProbeCache(services.ProbeCacheDirectory!, services.Probe).EntryPath(binary);

        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        File.WriteAllText(entry, "<qemuCaps><vireoCache");
        var r = Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(2, prober.Calls);
        Assert.Equal("x86_64", LibvirtCapsXml.Load(entry).Arch);
    }

    [Fact]
    public void Entry_IsACapsFile_NamedByTheBinarysPath()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));

        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(binary)));
        var entry = Path.Combine(dir.File("cache"), hash + ".xml");
        Assert.Equal([entry], Directory.GetFiles(dir.File("cache"))); // no temporary file left behind
        var caps = LibvirtCapsXml.Load(entry);
        Assert.Equal(binary, caps.Emulator);
        Assert.True(caps.Flags.SetEquals(EmbeddedSnapshots.For("x86_64")!.Flags));
        var key = ProbeCacheKey.Read(File.ReadAllText(entry));
        Assert.NotNull(key);
        Assert.Equal(binary, key.Binary);
        Assert.Equal(new FileInfo(binary).Length, key.Size);
        Assert.Equal(ProbeCache.Build, key.Build);

        var viaFile = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml(Example), "--caps", entry);
        Assert.Equal(Examples.GoldenArgs(Example), viaFile.Stdout);
    }

    [Fact]
    public void CacheDirectory_IsPrivate()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        var services = new CountingProber().Services(dir.File("cache"));

        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        Assert.True(Directory.Exists(dir.File("cache")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(dir.File("cache")));
        }
    }

    [Fact]
    public void EachBinary_HasItsOwnEntry()
    {
        using var dir = new TempDir();
        var a = dir.Script("qemu-a", "exit 1");
        var b = dir.Script("qemu-b", "exit 1");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));

        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", a);
        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", b);
        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", a);

        Assert.Equal(2, prober.Calls);
        Assert.Equal(2, Directory.GetFiles(dir.File("cache")).Length);
    }

    [Fact]
    public void UnwritableCache_StillAnswers()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        File.WriteAllText(dir.File("cache"), "a file where the cache directory should be");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));

        var first = Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        var second = Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(Examples.GoldenArgs(Example), second.Stdout);
        Assert.Equal(2, prober.Calls);
    }

    [Fact]
    public void FailedProbe_IsNotCached()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        var prober = new CountingProber { Failure = "'qemu' exited with status 1 before its QMP monitor was ready" };
        var services = prober.Services(dir.File("cache"));

        var r = Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);
        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        Assert.Equal(ExitCodes.Refused, r.ExitCode);
        Assert.Equal("vireo: operation failed: 'qemu' exited with status 1 before its QMP monitor was ready\n", r.Stderr);
        Assert.Equal(2, prober.Calls);
        Assert.False(Directory.Exists(dir.File("cache")) && Directory.EnumerateFileSystemEntries(dir.File("cache")).Any());
    }

    [Fact]
    public void DomCapabilities_Emulator_UsesTheCacheToo()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu", "exit 1");
        var prober = new CountingProber();
        var services = prober.Services(dir.File("cache"));

        var first = Cli.Run(services, "domcapabilities", "--emulator", binary);
        var second = Cli.Run(services, "domcapabilities", "--emulator", binary);
        Cli.Run(services, "xml2argv", Examples.Xml(Example), "--emulator", binary);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"<path>{binary}</path>", second.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, prober.Calls);
    }

    [Fact]
    public void Emulator_NotFound_IsAUsageError()
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml(Example), "--emulator", "/nonexistent/qemu-system-x86_64");
        var onPath = Cli.Run(Cli.NoProbing, "domcapabilities", "--emulator", "vireo-no-such-qemu");

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal("vireo: xml2argv: QEMU binary '/nonexistent/qemu-system-x86_64' not found\n", r.Stderr);
        Assert.Equal(ExitCodes.Usage, onPath.ExitCode);
        Assert.Equal("vireo: domcapabilities: QEMU binary 'vireo-no-such-qemu' not found on PATH\n", onPath.Stderr);
    }

    [Fact]
    public void Emulator_OfAnotherArch_IsRefused()
    {
        using var dir = new TempDir();
        var binary = dir.Script("qemu-system-x86_64", "exit 1");
        var services = new CountingProber().Services(dir.File("cache"));

        var r = Cli.Run(services, "xml2argv", Examples.Xml("aarch64-virt-virtio"), "--emulator", binary);

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal($"vireo: xml2argv: the domain is aarch64, but the capabilities of '{binary}' are for x86_64\n", r.Stderr);
    }

    [Theory]
    [InlineData("/xdg", "/home/u", "/xdg/vireo/capabilities")]
    [InlineData("", "/home/u", "/home/u/.cache/vireo/capabilities")]
    [InlineData("relative", "/home/u", "/home/u/.cache/vireo/capabilities")]
    [InlineData(null, "/home/u", "/home/u/.cache/vireo/capabilities")]
    [InlineData(null, null, null)]
    public void DefaultDirectory_FollowsXdg(string? xdgCacheHome, string? home, string? expected)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["XDG_CACHE_HOME"] = xdgCacheHome, ["HOME"] = home };

        Assert.Equal(expected, ProbeCache.DefaultDirectory(name => env.GetValueOrDefault(name)));
    }
}
