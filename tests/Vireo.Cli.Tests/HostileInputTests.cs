using System.Text;
using Vireo.Domain.Tests.Hostile;

namespace Vireo.Cli.Tests;

/// <summary>
/// Every hostile input of issue #7 through the real command path: <c>xml2argv</c> and
/// <c>xml2xml</c> with <c>--out</c> must exit 1 with exactly one line on stderr and no stack
/// trace, print nothing on stdout, and neither create the output file nor touch one that exists.
/// The inputs are those of Vireo.Domain.Tests (HostileXml), generated at run time.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Previous = "previous output, must survive\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Hostile inputs by name: each writes its file (or names a device) and returns the path.</summary>
    private static Dictionary<string, Func<TempDir, string>> Inputs()
    {
        var inputs = new Dictionary<string, Func<TempDir, string>>(StringComparer.Ordinal);
        void Text(string name, string xml) => inputs.Add(name, d => Write(d, Encoding.UTF8.GetBytes(xml)));
        void Bytes(string name, byte[] bytes) => inputs.Add(name, d => Write(d, bytes));

        foreach (var (name, xml) in HostileXml.Dtds())
        {
            Text("dtd: " + name, xml);
        }

        inputs.Add("size: 100 MiB file", d =>
        {
            var path = d.File("big.xml");
            using var f = File.Create(path);
            f.SetLength(100L * 1024 * 1024);
            return path;
        });
        inputs.Add("size: endless device", _ => "/dev/zero");
        Text("nesting: 10,000 deep", HostileXml.Nested(10_000));
        Text("nesting: 10,000 deep on one line", HostileXml.NestedOneLine(10_000));
        Text("devices: 100,000 USB tablets", HostileXml.ManyDevices(100_000, "<input type='tablet' bus='usb'/>"));
        Text("devices: 100,000 serial ports", HostileXml.ManyDevices(100_000, "<serial type='pty'/>"));
        Text("devices: 4,000 RNGs, PCI slots run out", HostileXml.ManyDevices(4_000, "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>"));
        foreach (var (name, bad) in HostileXml.InvalidUtf8())
        {
            Bytes("utf-8: " + name, HostileXml.WithBytes(bad));
        }

        Bytes("utf-8: UTF-16 document", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(HostileXml.Domain())]);
        Bytes("nul: raw NUL bytes", HostileXml.WithBytes([0, 0, 0]));
        foreach (var (name, xml, _) in HostileXml.Nuls())
        {
            Text("nul: " + name, xml);
        }

        foreach (var (name, xml, _, _) in HostileXml.BadNumbers())
        {
            Text("number: " + name, xml);
        }

        foreach (var (name, xml, _) in HostileXml.UnknownEnums())
        {
            Text("enum: " + name, xml);
        }

        foreach (var (name, xml) in Duplicates())
        {
            Text("duplicate: " + name, xml);
        }

        Text("echo: newline and bidi override in a value", HostileXml.Domain(devices: "<video><model type='evil&#10;vireo: fake line&#x202E;'/></video>"));
        return inputs;
    }

    /// <summary>Two devices claiming one identity.</summary>
    internal static IReadOnlyList<(string Name, string Xml)> Duplicates() =>
    [
        ("user alias", HostileXml.Domain(devices:
            "<memballoon model='virtio'><alias name='ua-x'/></memballoon>\n" +
            "    <rng model='virtio'><backend model='random'>/dev/urandom</backend><alias name='ua-x'/></rng>")),
        ("PCI address", HostileXml.Domain(devices:
            "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='5' function='0'/></memballoon>\n" +
            "    <rng model='virtio'><backend model='random'>/dev/urandom</backend><address type='pci' domain='0' bus='0' slot='5' function='0'/></rng>")),
        ("drive address", HostileXml.Domain(devices:
            "<controller type='scsi' index='0' model='virtio-scsi'/>\n" +
            "    <disk type='file' device='disk'><source file='/a.img'/><target dev='sda' bus='scsi'/><address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>\n" +
            "    <disk type='file' device='disk'><source file='/b.img'/><target dev='sdb' bus='scsi'/><address type='drive' controller='0' bus='0' target='0' unit='0'/></disk>")),
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Inputs().Keys)
        {
            data.Add("xml2argv", name);
            data.Add("xml2xml", name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hostile_input_is_refused_in_one_line_and_writes_nothing(string command, string input)
    {
        if (input == "size: endless device")
        {
            Assert.SkipUnless(File.Exists("/dev/zero"), "needs /dev/zero");
        }

        var path = Inputs()[input](_dir);

        // No output file yet: none may appear.
        var fresh = _dir.File("fresh.out");
        AssertRefused(Cli.Run(Cli.NoProbing, command, path, "--out", fresh));
        Assert.False(File.Exists(fresh), "the output file was created");

        // An output file from before: it must keep its content.
        var existing = _dir.File("existing.out");
        File.WriteAllText(existing, Previous);
        AssertRefused(Cli.Run(Cli.NoProbing, command, path, "--out", existing));
        Assert.Equal(Previous, File.ReadAllText(existing));

        // And without --out nothing reaches stdout.
        AssertRefused(Cli.Run(Cli.NoProbing, command, path));

        // No temporary file left behind by an interrupted write.
        Assert.DoesNotContain(Directory.EnumerateFiles(_dir.Path), f => Path.GetFileName(f).Contains(".tmp", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("xml2argv", "-device")]
    [InlineData("xml2xml", "<domain type='qemu'>")]
    public void The_same_domain_without_the_hostile_part_is_written_to_out(string command, string expected)
    {
        var path = Write(_dir, Encoding.UTF8.GetBytes(HostileXml.Domain(devices: "<memballoon model='virtio'/>")));
        var existing = _dir.File("existing.out");
        File.WriteAllText(existing, Previous);

        var r = Cli.Run(Cli.NoProbing, command, path, "--out", existing);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Equal(string.Empty, r.Stderr);
        Assert.Contains(expected, File.ReadAllText(existing), StringComparison.Ordinal);
    }

    /// <summary>
    /// Long lists outside &lt;devices&gt;, bounded only by the size limit: wrapper open, entry
    /// (<c>{0}</c> = 0.., <c>{1}</c> = 1..), wrapper close. Not here yet: 100,000
    /// &lt;iothread&gt; entries take minutes in CommandLineBuilder.BuildIoThreads (a scan per
    /// thread); see docs/security.md.
    /// </summary>
    public static TheoryData<string, string, string> LongLists() => new()
    {
        { string.Empty, "<seclabel type='none' model='m{0}'/>", string.Empty },
        { "<metadata>", "<x:e{0} xmlns:x='urn:{0}'/>", "</metadata>" },
        { "<cputune>", "<vcpupin vcpu='0' cpuset='0'/>", "</cputune>" },
        { "<features>", "<acpi/>", "</features>" },
        { "<sysinfo type='smbios'><oemStrings>", "<entry>x{0}</entry>", "</oemStrings></sysinfo>" },
    };

    [Theory]
    [MemberData(nameof(LongLists))]
    public void A_hundred_thousand_entries_in_other_lists_finish_cleanly(string open, string entry, string close)
    {
        var items = new StringBuilder(open);
        for (var i = 0; i < 100_000; i++)
        {
            items.Append(string.Format(System.Globalization.CultureInfo.InvariantCulture, entry, i, i + 1));
        }

        var path = Write(_dir, Encoding.UTF8.GetBytes(HostileXml.Domain(top: items.Append(close).ToString())));
        foreach (var command in new[] { "xml2argv", "xml2xml" })
        {
            var r = Cli.Run(Cli.NoProbing, command, path);
            if (r.ExitCode != 0)
            {
                AssertRefused(r);
            }
        }
    }

    private static void AssertRefused(CliResult r)
    {
        Assert.True(r.ExitCode == 1, $"exit {r.ExitCode}, stderr: {r.Stderr}");
        Assert.Equal(string.Empty, r.Stdout);
        var lines = r.Stderr.Split('\n');
        Assert.True(lines.Length == 2 && lines[1].Length == 0, $"stderr is not exactly one line: {r.Stderr}");
        var line = lines[0];
        Assert.StartsWith("vireo: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(line, char.IsControl);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        Assert.True(line.Length < 700, $"stderr line is {line.Length} characters long");
    }

    private static string Write(TempDir dir, byte[] bytes)
    {
        var path = dir.File("domain.xml");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
