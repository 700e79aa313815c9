using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;rng&gt;</c>: a virtio entropy device and its host source.</summary>
public sealed record RngDevice : DomainDevice
{
    /// <summary>virtio, virtio-transitional, virtio-non-transitional.</summary>
    public required string Model { get; init; }

    /// <summary>random, egd, builtin.</summary>
    public required string BackendModel { get; init; }

    /// <summary>random: the host device (null = /dev/urandom).</summary>
    public string? RandomPath { get; init; }

    /// <summary>egd: character backend type (tcp, unix, udp...).</summary>
    public string? BackendType { get; init; }

    /// <summary>egd: &lt;source&gt; elements, verbatim.</summary>
    public ImmutableArray<XElement> Sources { get; init; } = [];

    /// <summary>egd: &lt;protocol type=''/&gt;.</summary>
    public string? Protocol { get; init; }

    /// <summary>&lt;rate bytes=''/&gt;.</summary>
    public ulong? RateBytes { get; init; }

    /// <summary>&lt;rate period=''/&gt;.</summary>
    public ulong? RatePeriod { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    /// <summary>The element as written, without device info (kept for formatting).</summary>
    public required XElement Element { get; init; }

    /// <inheritdoc/>
    public override string ElementName => "rng";
}
