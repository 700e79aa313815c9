namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;vsock&gt;</c>: a vhost-vsock device for host/guest sockets.</summary>
public sealed record VsockDevice : DomainDevice
{
    /// <summary>virtio, virtio-transitional, virtio-non-transitional (null until defaulted).</summary>
    public string? Model { get; init; }

    /// <summary>&lt;cid auto='yes|no'/&gt;.</summary>
    public string? CidAuto { get; init; }

    /// <summary>&lt;cid address=''/&gt;.</summary>
    public uint? CidAddress { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    /// <inheritdoc/>
    public override string ElementName => "vsock";
}
