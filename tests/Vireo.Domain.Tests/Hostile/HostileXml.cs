using System.Text;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>
/// Builders for hostile domain XML. Every input is generated here, in memory or in a
/// temporary file; nothing big is checked in. The CLI tests use the same inputs.
/// </summary>
public static class HostileXml
{
    /// <summary>A small valid domain; <paramref name="devices"/> goes inside &lt;devices&gt;, <paramref name="top"/> after &lt;vcpu&gt;.</summary>
    public static string Domain(string devices = "", string top = "", string memory = "<memory unit='MiB'>256</memory>", string vcpu = "<vcpu>1</vcpu>") =>
        "<domain type='qemu'>\n" +
        "  <name>hostile</name>\n" +
        "  <uuid>8c6b1f0e-4d2a-4b7e-9f31-0a5c2e7d9b14</uuid>\n" +
        "  " + memory + "\n" +
        "  " + vcpu + "\n" +
        (top.Length == 0 ? string.Empty : "  " + top + "\n") +
        "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n" +
        "  <devices>\n" +
        (devices.Length == 0 ? string.Empty : "    " + devices + "\n") +
        "  </devices>\n" +
        "</domain>\n";

    /// <summary>The line <see cref="Domain"/> puts its first device on.</summary>
    public const int DeviceLine = 8;

    /// <summary>The line <see cref="Domain"/> puts <c>top</c> on; memory is on line 4, vcpu on 5.</summary>
    public const int TopLine = 6;

    /// <summary>DTDs, external entities and entity expansion, each a complete document.</summary>
    public static IReadOnlyList<(string Name, string Xml)> Dtds() =>
    [
        ("internal subset", "<?xml version='1.0'?>\n<!DOCTYPE domain [\n  <!ELEMENT domain ANY>\n]>\n" + Domain()),
        ("external DTD", "<?xml version='1.0'?>\n<!DOCTYPE domain SYSTEM 'http://127.0.0.1:9/domain.dtd'>\n" + Domain()),
        ("public DTD", "<?xml version='1.0'?>\n<!DOCTYPE domain PUBLIC '-//X//Y//EN' 'file:///etc/passwd'>\n" + Domain()),
        ("external entity (file)", "<?xml version='1.0'?>\n<!DOCTYPE domain [\n  <!ENTITY xxe SYSTEM 'file:///etc/passwd'>\n]>\n" + Domain(top: "<description>&xxe;</description>")),
        ("external entity (http)", "<?xml version='1.0'?>\n<!DOCTYPE domain [\n  <!ENTITY xxe SYSTEM 'http://127.0.0.1:9/x'>\n]>\n" + Domain(top: "<description>&xxe;</description>")),
        ("parameter entity", "<?xml version='1.0'?>\n<!DOCTYPE domain [\n  <!ENTITY % p SYSTEM 'file:///etc/passwd'>\n  %p;\n]>\n" + Domain()),
        ("billion laughs", "<?xml version='1.0'?>\n" + BillionLaughs() + Domain(top: "<description>&lol9;</description>")),
        ("quadratic blowup", "<?xml version='1.0'?>\n<!DOCTYPE domain [\n  <!ENTITY a '" + new string('a', 50_000) + "'>\n]>\n" + Domain(top: "<description>" + string.Concat(Enumerable.Repeat("&a;", 5_000)) + "</description>")),
        ("undeclared entity", Domain(top: "<description>&xxe;</description>")),
    ];

    private static string BillionLaughs()
    {
        var sb = new StringBuilder("<!DOCTYPE domain [\n  <!ENTITY lol0 'lol'>\n");
        for (var i = 1; i <= 9; i++)
        {
            sb.Append("  <!ENTITY lol").Append(i).Append(" '");
            for (var j = 0; j < 10; j++)
            {
                sb.Append("&lol").Append(i - 1).Append(';');
            }

            sb.Append("'>\n");
        }

        return sb.Append("]>\n").ToString();
    }

    /// <summary>Elements nested <paramref name="depth"/> deep under &lt;metadata&gt;, one per line.</summary>
    public static string Nested(int depth)
    {
        var sb = new StringBuilder(depth * 16);
        for (var i = 0; i < depth; i++)
        {
            sb.Append("<x:n xmlns:x='urn:hostile'>\n");
        }

        for (var i = 0; i < depth; i++)
        {
            sb.Append("</x:n>");
        }

        return Domain(top: "<metadata>" + sb + "</metadata>");
    }

    /// <summary>Elements nested <paramref name="depth"/> deep on a single line (inside &lt;devices&gt;).</summary>
    public static string NestedOneLine(int depth) =>
        Domain(devices: string.Concat(Enumerable.Repeat("<disk>", depth)) + string.Concat(Enumerable.Repeat("</disk>", depth)));

    /// <summary><paramref name="count"/> copies of one device element.</summary>
    public static string ManyDevices(int count, string device)
    {
        var sb = new StringBuilder(count * (device.Length + 5));
        for (var i = 0; i < count; i++)
        {
            sb.Append(device).Append("\n    ");
        }

        return Domain(devices: sb.ToString().TrimEnd());
    }

    /// <summary>UTF-8 bytes of <see cref="Domain"/> with <paramref name="bad"/> spliced into the &lt;title&gt; on line <see cref="TopLine"/>.</summary>
    public static byte[] WithBytes(byte[] bad)
    {
        var parts = Domain(top: "<title>ab|cd</title>").Split('|');
        return [.. Encoding.UTF8.GetBytes(parts[0]), .. bad, .. Encoding.UTF8.GetBytes(parts[1])];
    }

    /// <summary>Byte sequences that are not UTF-8.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> InvalidUtf8() =>
    [
        ("stray 0xFF", [0xFF]),
        ("lone continuation byte", [0x80]),
        ("overlong '/'", [0xC0, 0xAF]),
        ("truncated 3-byte sequence", [0xE2, 0x82]),
        ("UTF-16 surrogate", [0xED, 0xA0, 0x80]),
        ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("Latin-1 e-acute", [0xE9]),
    ];

    /// <summary>Raw NUL and NUL/control characters as character references, each a whole document.</summary>
    public static IReadOnlyList<(string Name, string Xml, int Line)> Nuls() =>
    [
        ("raw NUL in text", Domain(top: "<title>a\0b</title>"), TopLine),
        ("raw NUL in attribute", Domain(devices: "<graphics type='vnc\0'/>"), DeviceLine),
        ("raw NUL in element name", Domain(top: "<ti\0tle>a</title>"), TopLine),
        ("&#0; in text", Domain(top: "<title>a&#0;b</title>"), TopLine),
        ("&#x0; in attribute", Domain(devices: "<graphics type='vnc' passwd='&#x0;'/>"), DeviceLine),
        ("&#1; control character", Domain(top: "<title>&#1;</title>"), TopLine),
        ("&#xFFFE; non-character", Domain(top: "<title>&#xFFFE;</title>"), TopLine),
        ("&#xD800; surrogate", Domain(top: "<title>&#xD800;</title>"), TopLine),
    ];

    /// <summary>Numbers out of range, negative, or in the wrong base; the message must name the value.</summary>
    public static IReadOnlyList<(string Name, string Xml, string Value, int Line)> BadNumbers() =>
    [
        ("memory 2^64 KiB", Domain(memory: "<memory unit='KiB'>18446744073709551616</memory>"), "18446744073709551616", 4),
        ("memory 2^64-1 KiB", Domain(memory: "<memory unit='KiB'>18446744073709551615</memory>"), "18446744073709551615", 4),
        ("memory 2^60 TiB", Domain(memory: "<memory unit='TiB'>1152921504606846976</memory>"), "1152921504606846976", 4),
        ("memory 2^54 EiB", Domain(memory: "<memory unit='EiB'>18014398509481984</memory>"), "18014398509481984", 4),
        ("memory negative", Domain(memory: "<memory unit='KiB'>-1</memory>"), "-1", 4),
        ("memory unknown unit", Domain(memory: "<memory unit='XiB'>1</memory>"), "XiB", 4),
        ("memory not a number", Domain(memory: "<memory>lots</memory>"), "lots", 4),
        ("currentMemory 2^64", Domain(top: "<currentMemory>18446744073709551616</currentMemory>"), "18446744073709551616", TopLine),
        ("vcpus 2^32", Domain(vcpu: "<vcpu>4294967296</vcpu>"), "4294967296", 5),
        ("vcpus 2^63", Domain(vcpu: "<vcpu>9223372036854775808</vcpu>"), "9223372036854775808", 5),
        ("vcpus negative", Domain(vcpu: "<vcpu>-1</vcpu>"), "-1", 5),
        ("vcpus zero", Domain(vcpu: "<vcpu>0</vcpu>"), "0", 5),
        ("vcpu current negative", Domain(vcpu: "<vcpu current='-2'>2</vcpu>"), "-2", 5),
        ("video heads -1", Domain(devices: "<video><model type='qxl' heads='-1'/></video>"), "-1", DeviceLine),
        ("video heads 2^32", Domain(devices: "<video><model type='qxl' heads='4294967296'/></video>"), "4294967296", DeviceLine),
        ("video vram 0xFFFFFFFFFFFF", Domain(devices: "<video><model type='qxl' vram='0xFFFFFFFFFFFF'/></video>"), "0xFFFFFFFFFFFF", DeviceLine),
        ("video vram 2^32", Domain(devices: "<video><model type='qxl' vram='4294967296'/></video>"), "4294967296", DeviceLine),
        ("video ram negative", Domain(devices: "<video><model type='qxl' ram='-65536'/></video>"), "-65536", DeviceLine),
        ("video vgamem hex", Domain(devices: "<video><model type='qxl' vgamem='0x4000'/></video>"), "0x4000", DeviceLine),
        ("graphics port 2^31", Domain(devices: "<graphics type='vnc' port='2147483648'/>"), "2147483648", DeviceLine),
        ("boot order negative", Domain(devices: "<disk type='file' device='disk'><source file='/d.img'/><target dev='vda' bus='virtio'/><boot order='-1'/></disk>"), "-1", DeviceLine),
        ("PCI slot 2^32", Domain(devices: "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='4294967296' function='0'/></memballoon>"), "4294967296", DeviceLine),
        ("PCI function -1", Domain(devices: "<memballoon model='virtio'><address type='pci' domain='0' bus='0' slot='5' function='-1'/></memballoon>"), "-1", DeviceLine),
        ("maxMemory slots -1", Domain(top: "<maxMemory slots='-1' unit='GiB'>4</maxMemory>"), "-1", TopLine),
    ];

    /// <summary>Enum attributes with values libvirt does not know; the message must name the value.</summary>
    public static IReadOnlyList<(string Name, string Xml, int Line)> UnknownEnums() =>
    [
        ("domain type", Domain().Replace("type='qemu'", "type='evil'", StringComparison.Ordinal), 1),
        ("video model", Domain(devices: "<video><model type='evil'/></video>"), DeviceLine),
        ("graphics type", Domain(devices: "<graphics type='evil'/>"), DeviceLine),
        ("disk bus", Domain(devices: "<disk type='file' device='disk'><source file='/d.img'/><target dev='vda' bus='evil'/></disk>"), DeviceLine),
        ("disk type", Domain(devices: "<disk type='evil' device='disk'><source file='/d.img'/><target dev='vda'/></disk>"), DeviceLine),
        ("disk device", Domain(devices: "<disk type='file' device='evil'><source file='/d.img'/><target dev='vda'/></disk>"), DeviceLine),
        ("controller type", Domain(devices: "<controller type='evil'/>"), DeviceLine),
        ("input type", Domain(devices: "<input type='evil' bus='usb'/>"), DeviceLine),
        ("input bus", Domain(devices: "<input type='tablet' bus='evil'/>"), DeviceLine),
        ("interface type", Domain(devices: "<interface type='evil'/>"), DeviceLine),
        ("on_reboot action", Domain(top: "<on_reboot>evil</on_reboot>"), TopLine),
        ("yes/no attribute", Domain(devices: "<video><model type='qxl' primary='maybe'/></video>"), DeviceLine),
        ("address type", Domain(devices: "<memballoon model='virtio'><address type='evil'/></memballoon>"), DeviceLine),
    ];
}
