using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;smartcard&gt;</c> on a CCID controller: host NSS, host certificates or a passthrough channel.</summary>
public sealed record SmartcardDevice : DomainDevice
{
    /// <summary>host, host-certificates, passthrough.</summary>
    public required string Mode { get; init; }

    /// <summary>host-certificates: the three certificate names.</summary>
    public ImmutableArray<string> Certificates { get; init; } = [];

    /// <summary>host-certificates: NSS database directory (null = /etc/pki/nssdb).</summary>
    public string? Database { get; init; }

    /// <summary>passthrough: the character backend type (tcp, unix, spicevmc...).</summary>
    public string? SourceType { get; init; }

    /// <summary>passthrough: &lt;source&gt; elements, verbatim.</summary>
    public ImmutableArray<XElement> Sources { get; init; } = [];

    /// <summary>passthrough: &lt;protocol type=''/&gt;.</summary>
    public string? Protocol { get; init; }

    /// <inheritdoc/>
    public override string ElementName => "smartcard";
}
