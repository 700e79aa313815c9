using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Xml;
using Vireo.Qemu;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;

namespace Vireo.Benchmarks;

/// <summary>
/// What <c>vireo xml2argv</c> does in-process for one domain, split into its stages:
/// parse the XML, prepare (defaults, addresses, validation), build the command line, render
/// it as libvirt's <c>.args</c> text.
/// </summary>
public sealed class DomainPipeline
{
    private static readonly DomainParseOptions ParseOptions = new() { Inactive = true };

    private readonly Dictionary<string, HostInfo> hosts = new(StringComparer.Ordinal);

    /// <summary>The driver configuration (defaults, as the CLI uses).</summary>
    public DriverConfig Config { get; } = new();

    /// <summary>Stage 1: XML text to the model.</summary>
    public static DomainDefinition Parse(string xml) => DomainXmlParser.Parse(xml, ParseOptions);

    /// <summary>The host for a parsed domain's arch (cached: the CLI builds it once per run).</summary>
    public HostInfo HostFor(DomainDefinition def)
    {
        var arch = def.Os.Arch ?? "x86_64";
        if (!hosts.TryGetValue(arch, out var host))
        {
            host = BenchHost.For(arch);
            hosts[arch] = host;
        }

        return host;
    }

    /// <summary>Stage 2: defaults, addresses, validation.</summary>
    public DomainDefinition Prepare(DomainDefinition parsed, HostInfo host) =>
        QemuEngine.PostParse(parsed, host, Config, inactive: true);

    /// <summary>Stage 3: the command line as data.</summary>
    public QemuCommandLine Build(DomainDefinition prepared, HostInfo host)
    {
        var context = LaunchContext.ForConversion(prepared.Name, host.Os);
        return QemuEngine.BuildCommandLine(prepared, host, Config, context);
    }

    /// <summary>Stage 4: libvirt's <c>.args</c> text.</summary>
    public static string Render(QemuCommandLine cmd) => ArgsTextRenderer.Render(cmd);

    /// <summary>All four stages: domain XML text to <c>.args</c> text.</summary>
    public string XmlToArgs(string xml)
    {
        var parsed = Parse(xml);
        var host = HostFor(parsed);
        var prepared = Prepare(parsed, host);
        return Render(Build(prepared, host));
    }
}
