using BenchmarkDotNet.Attributes;

namespace Vireo.Benchmarks;

/// <summary>
/// (a) One small domain, XML text to <c>.args</c> text in-process — parse, defaults,
/// validation, addresses, command line, render — per example domain, with allocations.
/// Goal: median &lt; 200 µs and &lt; 50 KB allocated per domain.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class SmallDomainBenchmarks
{
    private readonly DomainPipeline pipeline = new();
    private string xml = "";

    /// <summary>The domain: an example name, or <c>typical</c> (generated: 2 disks, 1 NIC).</summary>
    [ParamsSource(nameof(Domains))]
    public string Domain { get; set; } = "";

    /// <summary>The domains measured.</summary>
    public static IEnumerable<string> Domains => [.. ExampleDomains.Names, SmallDomains.Typical];

    [GlobalSetup]
    public void Setup()
    {
        xml = SmallDomains.Load(Domain);
        _ = pipeline.XmlToArgs(xml); // fail fast (refusal) and warm the capability caches
    }

    [Benchmark]
    public string XmlToArgs() => pipeline.XmlToArgs(xml);
}
