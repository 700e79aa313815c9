using BenchmarkDotNet.Running;

namespace Vireo.Benchmarks;

/// <summary>
/// Entry point. <c>quick</c> runs a fast Stopwatch measurement of every case (for iterating
/// on fixes); <c>generate DISKS NICS</c> prints a scaled domain's XML; anything else goes to
/// BenchmarkDotNet (e.g. <c>--filter '*' --job short</c>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "quick")
        {
            return QuickRunner.Run(
                Console.Out,
                args.Length > 1 ? args[1] : "",
                args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1);
        }

        if (args.Length >= 2 && args[0] == "alloc")
        {
            var pipeline = new DomainPipeline();
            var xml = args[1].Contains('+', StringComparison.Ordinal)
                ? ScaledDomain.Generate(int.Parse(args[1].Split('+')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[1].Split('+')[1], System.Globalization.CultureInfo.InvariantCulture))
                : SmallDomains.Load(args[1]);
            var parsed = DomainPipeline.Parse(xml);
            var host = pipeline.HostFor(parsed);
            var prepared = pipeline.Prepare(parsed, host);
            var cmd = pipeline.Build(prepared, host);
            Action action = (args.Length > 3 ? args[3] : "all") switch
            {
                "parse" => () => DomainPipeline.Parse(xml),
                "prepare" => () => pipeline.Prepare(parsed, host),
                "build" => () => pipeline.Build(prepared, host),
                "render" => () => DomainPipeline.Render(cmd),
                _ => () => pipeline.XmlToArgs(xml),
            };
            AllocationSampler.Run(Console.Out, args[1], action, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2000);
            return 0;
        }

        if (args.Length == 3 && args[0] == "generate")
        {
            Console.Out.Write(ScaledDomain.Generate(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
