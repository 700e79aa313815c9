using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;

namespace Vireo.Cli.Tests;

/// <summary>--emulator PATH with the real prober: installed QEMU binaries (skipped when absent) and binaries that are not QEMU.</summary>
public class EmulatorProbeTests
{
    private const string Aarch64 = "/usr/bin/qemu-system-aarch64";
    private const string X86 = "/usr/bin/qemu-system-x86_64";

    [Theory]
    [InlineData(Aarch64, "aarch64", "aarch64-virt-virtio")]
    [InlineData(X86, "x86_64", "x86_64-q35-spice-qxl")]
    public void InstalledQemu_IsProbedOnce_ThenCached(string binary, string arch, string example)
    {
        if (!File.Exists(binary))
        {
            Assert.Skip($"{binary} not installed");
        }

        using var dir = new TempDir();
        var calls = 0;
        var real = CliServices.FromEnvironment().Probe;
        var services = new CliServices
        {
            ProbeCacheDirectory = dir.File("cache"),
            Probe = (b, o, ct) =>
            {
                Interlocked.Increment(ref calls);
                return real(b, o with { TempDirectory = dir.Path }, ct);
            },
        };
        var entry = new ProbeCache(dir.File("cache"), services.Probe).EntryPath(binary);

        var first = Cli.Run(services, "xml2argv", Examples.Xml(example), "--emulator", binary);
        var probed = LibvirtCapsXml.Load(entry);
        if (example.Contains("x86_64", StringComparison.Ordinal) && !probed.Has("kvm"))
        {
            Assert.Skip("KVM is not usable here; the x86_64 example is a KVM domain");
        }

        var written = File.GetLastWriteTimeUtc(entry);
        var second = Cli.Run(services, "xml2argv", Examples.Xml(example), "--emulator", binary);

        Assert.Equal("", first.Stderr);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(1, calls);
        Assert.Equal(written, File.GetLastWriteTimeUtc(entry));
        Assert.Equal(first.Stdout, second.Stdout);
        Assert.Equal(arch, probed.Arch);

        // The embedded snapshot was probed from the same Debian build: same command line.
        if (probed.Version == EmbeddedSnapshots.For(arch)!.Version && probed.Package == EmbeddedSnapshots.For(arch)!.Package)
        {
            Assert.Equal(Examples.GoldenArgs(example), second.Stdout);
        }
    }

    [Fact]
    public void NotQemu_FailsWithOneLine()
    {
        using var dir = new TempDir();
        var binary = dir.Script("not-qemu", "echo 'hello from a shell script' >&2\nexit 3");

        var r = Cli.Run(new CliServices { ProbeCacheDirectory = dir.File("cache") }, "xml2argv", Examples.Xml("x86_64-pc-minimal"), "--emulator", binary);

        Assert.Equal(ExitCodes.Refused, r.ExitCode);
        Assert.StartsWith($"vireo: operation failed: '{binary}'", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("exited with status 3 before its QMP monitor was ready: hello from a shell script", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", r.Stdout);
        Assert.False(Directory.Exists(dir.File("cache")));
    }

    [Fact]
    public void ProbeTimeout_FailsWithOneLine()
    {
        using var dir = new TempDir();
        var binary = dir.Script("hangs", "exec sleep 30");

        var r = Cli.Run(new CliServices { ProbeCacheDirectory = dir.File("cache") }, "domcapabilities", "--emulator", binary, "--probe-timeout", "0.5");

        Assert.Equal(ExitCodes.Refused, r.ExitCode);
        Assert.Equal($"vireo: operation failed: probing '{binary}' timed out after 0.5 s\n", r.Stderr);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("soon")]
    public void ProbeTimeout_MustBeSeconds(string value)
    {
        var r = Cli.Run(Cli.NoProbing, "xml2argv", Examples.Xml("x86_64-pc-minimal"), "--emulator", "/bin/sh", "--probe-timeout", value);

        Assert.Equal(ExitCodes.Usage, r.ExitCode);
        Assert.Equal($"vireo: xml2argv: --probe-timeout must be a number of seconds between 0 and 3600, not '{value}'\n", r.Stderr);
    }
}
