namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// One XML-derived string the builder can put on the command line, with a small domain that
/// makes it reach argv. <c>{V}</c> in the XML parts marks where the value goes (XML-escaped).
/// </summary>
internal sealed record InjectionField
{
    /// <summary>Where the value lives in the domain XML (also the test case name).</summary>
    public required string Name { get; init; }

    /// <summary>Device XML (inside &lt;devices&gt;).</summary>
    public string Devices { get; init; } = "";

    /// <summary>Extra XML inside &lt;os&gt;.</summary>
    public string Os { get; init; } = "";

    /// <summary>Extra top-level XML (sysinfo, cpu, features...).</summary>
    public string Extra { get; init; } = "";

    /// <summary>The domain's &lt;name&gt; (a template too).</summary>
    public string DomainName { get; init; } = "guest";

    /// <summary>Guest arch.</summary>
    public string Arch { get; init; } = "x86_64";

    /// <summary>Machine type.</summary>
    public string Machine { get; init; } = "pc";

    /// <summary>Capabilities: null for the embedded QEMU 7.2 snapshot (JSON -device/-object/-netdev), else libvirt fake-caps flags (key=value syntax).</summary>
    public IReadOnlyList<string>? LegacyFlags { get; init; }

    /// <summary>Model properties (<c>Type.Property</c>) this case covers, for the coverage check.</summary>
    public IReadOnlyList<string> Covers { get; init; } = [];

    /// <summary>
    /// Extra accepted renderings of a value where the builder legitimately derives text from it
    /// (the domain name shortened to 20 characters in paths). Identity is always accepted.
    /// </summary>
    public Func<string, IEnumerable<string>>? Derived { get; init; }

    /// <summary>The parser trims this element's text: trimmed renderings are accepted, blank values skipped (they mean "absent").</summary>
    public bool TrimmedText { get; init; }

    /// <summary>
    /// A value the parser drops (so the device falls back to its default): a hostile value
    /// whose argv equals this value's argv was dropped, as libvirt drops it, not injected.
    /// </summary>
    public string? DroppedLike { get; init; }

    /// <summary>The benign value used to locate the field in argv.</summary>
    public string Probe { get; init; } = "vireoPROBE";

    /// <summary>The field must keep values with commas (escaped, never refused) — a free-form path or name.</summary>
    public bool MustEscapeCommas { get; init; }

    /// <summary>Renders the domain XML for a value.</summary>
    public string Xml(string value)
    {
        var v = HostileStrings.XmlEscape(value);
        var name = DomainName.Replace("{V}", v, StringComparison.Ordinal);
        return $"""
            <domain type='qemu'>
              <name>{name}</name>
              <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>
              <memory unit='KiB'>219136</memory>
              <vcpu placement='static'>1</vcpu>
              <os>
                <type arch='{Arch}' machine='{Machine}'>hvm</type>
                {Os.Replace("{V}", v, StringComparison.Ordinal)}
              </os>
              {Extra.Replace("{V}", v, StringComparison.Ordinal)}
              <devices>
                {Devices.Replace("{V}", v, StringComparison.Ordinal)}
              </devices>
            </domain>
            """;
    }

    public override string ToString() => Name;
}
