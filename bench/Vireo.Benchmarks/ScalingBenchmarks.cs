using BenchmarkDotNet.Attributes;

namespace Vireo.Benchmarks;

/// <summary>
/// (c) Scaling: generated domains with N disks + N/5 NICs (N = 10, 100, 500, 1000), XML text
/// to <c>.args</c> text. Goal: 500 disks + 100 NICs &lt; 20 ms, cost linear in devices.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class ScalingBenchmarks
{
    private readonly DomainPipeline pipeline = new();
    private string xml = "";

    [ParamsSource(nameof(Cases))]
    public ScaleCase Case { get; set; } = new(0, 0);

    public static IEnumerable<ScaleCase> Cases => ScaleCase.All;

    [GlobalSetup]
    public void Setup()
    {
        xml = ScaledDomain.Generate(Case.Disks, Case.Nics);
        _ = pipeline.XmlToArgs(xml);
    }

    [Benchmark]
    public string XmlToArgs() => pipeline.XmlToArgs(xml);
}
