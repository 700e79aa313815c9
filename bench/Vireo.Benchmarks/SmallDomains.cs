namespace Vireo.Benchmarks;

/// <summary>The small domains: the examples plus one generated "typical" server guest.</summary>
public static class SmallDomains
{
    /// <summary>Name of the generated small domain (q35, 2 disks on virtio-scsi, 1 virtio NIC, VNC).</summary>
    public const string Typical = "typical";

    /// <summary>The XML of a small domain by name.</summary>
    public static string Load(string name) =>
        name == Typical ? ScaledDomain.Generate(2, 1) : ExampleDomains.Load(name);
}
