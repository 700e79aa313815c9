using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>
/// A device kind Vireo does not model in detail (interface, rng, redirdev, tpm, watchdog,
/// filesystem, smartcard...): the element verbatim, with its alias/address/boot parsed into
/// <see cref="DomainDevice.Info"/> so address assignment and the formatter can work on it.
/// </summary>
public sealed record GenericDevice : DomainDevice
{
    /// <summary>The element without its &lt;alias&gt;, &lt;address&gt;, &lt;boot&gt;, &lt;rom&gt;, &lt;acpi&gt; children.</summary>
    public required XElement Element { get; init; }

    /// <inheritdoc/>
    public override string ElementName => Element.Name.LocalName;

    /// <summary>An attribute of the device element, or null.</summary>
    public string? Attr(string name) => (string?)Element.Attribute(name);

    /// <summary>A child element, or null.</summary>
    public XElement? Child(string name) => Element.Element(name);
}
