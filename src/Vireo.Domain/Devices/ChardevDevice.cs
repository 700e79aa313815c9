using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A character device: <c>&lt;serial&gt;</c>, <c>&lt;parallel&gt;</c>, <c>&lt;console&gt;</c> or <c>&lt;channel&gt;</c>.</summary>
public sealed record ChardevDevice : DomainDevice
{
    /// <summary>serial, parallel, console, channel.</summary>
    public required string Kind { get; init; }

    /// <summary>Backend type: pty, file, unix, tcp, udp, spicevmc, spiceport, null, vc, stdio, dev, pipe, qemu-vdagent, dbus...</summary>
    public required string SourceType { get; init; }

    /// <summary>tty attribute (live pty path).</summary>
    public string? Tty { get; init; }

    /// <summary>&lt;source&gt; elements (udp has two), verbatim.</summary>
    public ImmutableArray<XElement> Sources { get; init; } = [];

    /// <summary>&lt;protocol type='raw|telnet|...'/&gt;.</summary>
    public string? Protocol { get; init; }

    public string? TargetType { get; init; }

    public int? TargetPort { get; init; }

    public string? TargetName { get; init; }

    public string? TargetAddress { get; init; }

    public string? TargetState { get; init; }

    /// <summary>&lt;target&gt;&lt;model name='...'/&gt;.</summary>
    public string? TargetModel { get; init; }

    /// <summary>&lt;log file= append=/&gt;, verbatim.</summary>
    public XElement? Log { get; init; }

    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => Kind;

    /// <summary>An attribute of the first &lt;source&gt;, or null.</summary>
    public string? SourceAttr(string name) => Sources.IsDefaultOrEmpty ? null : (string?)Sources[0].Attribute(name);
}
