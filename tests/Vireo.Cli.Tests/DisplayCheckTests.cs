using System.Text.Json;

namespace Vireo.Cli.Tests;

/// <summary>
/// <c>vireo display-check</c>: exit 0 when every stage is ok, 1 degraded, 2 broken, 3 when the
/// domain cannot be checked (bad arguments, missing or unparsable file); one line on stderr then.
/// </summary>
public class DisplayCheckTests
{
    private static string Aarch64(string domainType, string videos, string graphics = "<graphics type='vnc'/>") => $"""
        <domain type='{domainType}'>
          <name>dc</name>
          <memory unit='MiB'>1024</memory>
          <vcpu>1</vcpu>
          <os firmware='efi'><type arch='aarch64' machine='virt'>hvm</type></os>
          <devices>{graphics}{videos}</devices>
        </domain>
        """;

    [Fact]
    public void Ok_domain_exits_0_with_a_table()
    {
        using var dir = new TempDir();
        var path = Write(dir, Aarch64("kvm", "<video><model type='virtio'/></video>"));

        var r = Cli.Run(Cli.NoProbing, "display-check", path);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("", r.Stderr);
        Assert.Contains("stage", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("virtio-gpu-pci", r.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("verdict: ok (exit 0)\n", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Degraded_domain_exits_1_and_names_the_fix()
    {
        using var dir = new TempDir();
        var path = Write(dir, Aarch64("kvm", "<video><model type='virtio'/></video>"));

        var r = Cli.Run(Cli.NoProbing, "display-check", path, "--guest-os", "windows");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("<model type='ramfb'/> as primary", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_domain_exits_2()
    {
        using var dir = new TempDir();
        var path = Write(dir, Aarch64("kvm", "<video><model type='vga'/></video>"));

        var r = Cli.Run(Cli.NoProbing, "display-check", path);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("FEAT_S2FWB", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Accel_option_overrides_the_domain_type()
    {
        using var dir = new TempDir();
        var path = Write(dir, Aarch64("kvm", "<video><model type='vga'/></video>"));

        var r = Cli.Run(Cli.NoProbing, "display-check", path, "--accel", "tcg");

        Assert.Equal(1, r.ExitCode);
        Assert.Contains(", TCG,", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_is_the_documented_document()
    {
        using var dir = new TempDir();
        var path = Write(dir, Aarch64("kvm", "<video><model type='virtio'/></video>"));

        var r = Cli.Run(Cli.NoProbing, "display-check", path, "--format", "json");

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("ok", doc.RootElement.GetProperty("verdict").GetString());
        Assert.Equal("virtio-gpu-pci", doc.RootElement.GetProperty("devices")[0].GetProperty("qemuDevice").GetString());
    }

    [Fact]
    public void Missing_file_is_exit_3_one_line()
    {
        var r = Cli.Run(Cli.NoProbing, "display-check", "/nonexistent/domain.xml");

        Assert.Equal(3, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.Equal("vireo: cannot open '/nonexistent/domain.xml': no such file\n", r.Stderr);
    }

    [Fact]
    public void Unparsable_xml_is_exit_3_one_line()
    {
        using var dir = new TempDir();
        var path = Write(dir, "<domain type='kvm'><name>x</name");

        var r = Cli.Run(Cli.NoProbing, "display-check", path);

        Assert.Equal(3, r.ExitCode);
        Assert.Equal("", r.Stdout);
        Assert.StartsWith("vireo: ", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("--accel", "hvf")]
    [InlineData("--guest-os", "beos")]
    [InlineData("--format", "yaml")]
    [InlineData("--colour", "yes")]
    public void Bad_arguments_are_exit_3(string option, string value)
    {
        using var dir = new TempDir();
        var path = Write(dir, Aarch64("kvm", "<video><model type='virtio'/></video>"));

        var r = Cli.Run(Cli.NoProbing, "display-check", path, option, value);

        Assert.Equal(3, r.ExitCode);
        Assert.StartsWith("vireo: display-check: ", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_describes_the_exit_codes()
    {
        var r = Cli.Run(Cli.NoProbing, "display-check", "--help");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("3 the domain could not be checked", r.Stdout, StringComparison.Ordinal);
        Assert.Equal(r.Stdout, Cli.Run(Cli.NoProbing, "help", "display-check").Stdout);
    }

    private static string Write(TempDir dir, string xml)
    {
        var path = dir.File("domain.xml");
        File.WriteAllText(path, xml);
        return path;
    }
}
