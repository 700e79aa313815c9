using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>An <c>&lt;input&gt;</c> device (mouse, tablet, keyboard, passthrough, evdev).</summary>
public sealed record InputDevice : DomainDevice
{
    public required string Type { get; init; }

    /// <summary>ps2, usb, xen, parallels, virtio, none; null until defaulted.</summary>
    public string? Bus { get; init; }

    public string? Model { get; init; }

    /// <summary>&lt;source&gt; element (passthrough/evdev), verbatim.</summary>
    public XElement? Source { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "input";
}
