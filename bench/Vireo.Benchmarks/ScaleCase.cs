namespace Vireo.Benchmarks;

/// <summary>One point of the scaling curve: a generated domain with so many disks and NICs.</summary>
public sealed record ScaleCase(int Disks, int Nics)
{
    /// <summary>The points measured: N disks + N/5 NICs for N = 10, 100, 500 (500 disks + 100 NICs), 1000.</summary>
    public static IEnumerable<ScaleCase> All =>
        [new(10, 2), new(100, 20), new(500, 100), new(1000, 200)];

    /// <summary>Devices in the domain (disks + NICs): the x axis of the scaling plot.</summary>
    public int Devices => Disks + Nics;

    /// <summary>Shown by BenchmarkDotNet as the parameter value, e.g. <c>500d+100n</c>.</summary>
    public override string ToString() => $"{Disks}d+{Nics}n";
}
