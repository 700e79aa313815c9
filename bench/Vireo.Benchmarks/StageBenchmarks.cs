using BenchmarkDotNet.Attributes;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Qemu.CommandLine;

namespace Vireo.Benchmarks;

/// <summary>
/// (b) The small-domain pipeline split by stage, to find where time and allocations go:
/// parse (XML to model), prepare (defaults, addresses, validation), build (command line as
/// data), render (<c>.args</c> text). Each stage gets the previous stage's output, computed once.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class StageBenchmarks
{
    private readonly DomainPipeline pipeline = new();
    private string xml = "";
    private DomainDefinition parsed = null!;
    private DomainDefinition prepared = null!;
    private HostInfo host = null!;
    private QemuCommandLine cmd = null!;

    [ParamsSource(nameof(Domains))]
    public string Domain { get; set; } = "";

    public static IEnumerable<string> Domains => SmallDomainBenchmarks.Domains;

    [GlobalSetup]
    public void Setup()
    {
        xml = SmallDomains.Load(Domain);
        parsed = DomainPipeline.Parse(xml);
        host = pipeline.HostFor(parsed);
        prepared = pipeline.Prepare(parsed, host);
        cmd = pipeline.Build(prepared, host);
    }

    [Benchmark]
    public DomainDefinition Parse() => DomainPipeline.Parse(xml);

    [Benchmark]
    public DomainDefinition Prepare() => pipeline.Prepare(parsed, host);

    [Benchmark]
    public QemuCommandLine Build() => pipeline.Build(prepared, host);

    [Benchmark]
    public string Render() => DomainPipeline.Render(cmd);
}
