namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;shmem&gt;</c>: inter-VM shared memory (ivshmem, ivshmem-plain, ivshmem-doorbell).</summary>
public sealed record ShmemDevice : DomainDevice
{
    public required string Name { get; init; }

    /// <summary>master or peer (ivshmem-plain migration role).</summary>
    public string? Role { get; init; }

    /// <summary>ivshmem, ivshmem-plain, ivshmem-doorbell.</summary>
    public required string Model { get; init; }

    /// <summary>Size in bytes (null until defaulted).</summary>
    public ulong? Size { get; init; }

    /// <summary>A &lt;server&gt; element is present (doorbell interrupts through a socket).</summary>
    public bool Server { get; init; }

    /// <summary>The server socket (null = libvirt's default path).</summary>
    public string? ServerPath { get; init; }

    /// <summary>An &lt;msi&gt; element is present.</summary>
    public bool Msi { get; init; }

    public uint? MsiVectors { get; init; }

    /// <summary>on/off.</summary>
    public string? MsiIoeventfd { get; init; }

    /// <inheritdoc/>
    public override string ElementName => "shmem";
}
