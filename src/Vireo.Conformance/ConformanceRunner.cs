using System.Collections.Immutable;
using System.Diagnostics;
using Vireo.Conformance.Corpus;
using Vireo.Conformance.Harness;
using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu;
using Vireo.Qemu.CommandLine;

namespace Vireo.Conformance;

/// <summary>
/// Runs corpus cases through the engine the way libvirt's harness runs them and scores
/// the answers. Every case is isolated: any exception becomes that case's status, never
/// the run's. Cases run in parallel; results keep TSV order.
/// </summary>
public sealed class ConformanceRunner
{
    /// <summary>Creates a runner over a corpus directory.</summary>
    /// <exception cref="DirectoryNotFoundException">The directory (or its <c>tests/</c>) does not exist.</exception>
    public ConformanceRunner(string corpusDir)
    {
        ArgumentNullException.ThrowIfNull(corpusDir);
        CorpusDir = Path.GetFullPath(corpusDir);
        TestsDir = Path.Combine(CorpusDir, "tests");
        if (!Directory.Exists(TestsDir))
        {
            throw new DirectoryNotFoundException($"'{corpusDir}' is not a conformance corpus (no tests/ directory)");
        }

        Hosts = new HarnessHosts(Path.Combine(TestsDir, "qemucapabilitiesdata"));
        DomainCaps = new DomainCapsHarness(Hosts, TestsDir);
        firmwareDescriptors = new Lazy<System.Collections.Immutable.ImmutableArray<Qemu.Firmware.FirmwareDescriptor>>(
            () => Qemu.Firmware.FirmwareDescriptorReader.ReadDirectories(
                Qemu.Firmware.FirmwareDescriptorReader.StandardDirectories(Path.Combine(TestsDir, "qemufirmwaredata"), userConfigDir: null)),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    // SPEC §1.6: the harness's (privileged) firmware descriptor directories.
    private readonly Lazy<System.Collections.Immutable.ImmutableArray<Qemu.Firmware.FirmwareDescriptor>> firmwareDescriptors;

    /// <summary>The firmware descriptors the harness maps in (SPEC §1.6).</summary>
    public System.Collections.Immutable.ImmutableArray<Qemu.Firmware.FirmwareDescriptor> FirmwareDescriptors => firmwareDescriptors.Value;

    /// <summary>Absolute corpus directory.</summary>
    public string CorpusDir { get; }

    /// <summary>The corpus <c>tests/</c> directory that case paths are relative to.</summary>
    public string TestsDir { get; }

    /// <summary>The fake-host builder (shared caps cache).</summary>
    public HarnessHosts Hosts { get; }

    /// <summary>The domaincapstest set-up (caps extras, firmware descriptors, forced values).</summary>
    public DomainCapsHarness DomainCaps { get; }

    /// <summary>Runs the suites and category selected by <paramref name="options"/>.</summary>
    public static ConformanceResult Run(ConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConformanceRunner(options.CorpusDir).RunSuites(options.Suites, options.Category, options.MaxDegreeOfParallelism);
    }

    /// <summary>Runs suites in the given order, optionally restricted to one category.</summary>
    /// <exception cref="FileNotFoundException">A suite's manifest is missing.</exception>
    public ConformanceResult RunSuites(IEnumerable<ConformanceSuite> suites, string? category = null, int maxDegreeOfParallelism = 0)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var parallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        var watch = Stopwatch.StartNew();
        var results = ImmutableArray.CreateBuilder<SuiteResult>();
        foreach (var suite in suites)
        {
            results.Add(RunPending(suite, Cases(suite, category), parallelism, null, null));
        }

        return new ConformanceResult
        {
            CorpusDir = CorpusDir,
            Category = category,
            Suites = results.ToImmutable(),
            Elapsed = watch.Elapsed,
        };
    }

    /// <summary>
    /// The cases of a suite (optionally one category), in TSV order: each with its row,
    /// the result it gets if it never reports (metadata filled, status error), and how to run it.
    /// </summary>
    /// <exception cref="FileNotFoundException">The suite's manifest is missing.</exception>
    public ImmutableArray<PendingCase> Cases(ConformanceSuite suite, string? category = null) => suite switch
    {
        ConformanceSuite.Argv => [.. Filter(CorpusReader.ReadArgv(CorpusDir), c => c.Category, category)
            .Select(c => new PendingCase(c.Row, Template(c), () => RunArgvCase(c)))],
        ConformanceSuite.Xml2Xml => [.. Filter(CorpusReader.ReadXml2Xml(CorpusDir), c => c.Category, category)
            .Select(c => new PendingCase(c.Row, Template(c), () => RunXml2XmlCase(c)))],
        _ => [.. Filter(CorpusReader.ReadDomainCaps(CorpusDir), c => c.Category, category)
            .Select(c => new PendingCase(c.Row, Template(c), () => RunDomainCapsCase(c)))],
    };

    /// <summary>
    /// Runs the cases of <paramref name="suite"/> at the given TSV rows (unknown rows are
    /// ignored), in parallel, calling <paramref name="started"/> just before and
    /// <paramref name="finished"/> just after each case. Returns results in TSV order.
    /// </summary>
    public SuiteResult RunRows(
        ConformanceSuite suite,
        IEnumerable<int> rows,
        int maxDegreeOfParallelism = 0,
        Action<int>? started = null,
        Action<CaseResult>? finished = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var wanted = rows.ToHashSet();
        var parallelism = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        return RunPending(suite, [.. Cases(suite).Where(c => wanted.Contains(c.Row))], parallelism, started, finished);
    }

    /// <summary>Runs one argv case: parse → post-parse → build → render → compare (SPEC §1.1).</summary>
    public CaseResult RunArgvCase(ArgvCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var result = Template(c);

        string xml;
        string expected;
        Capabilities.HostInfo host;
        Qemu.Configuration.DriverConfig config;
        Qemu.Configuration.LaunchContext context;
        try
        {
            var state = HarnessConfig.Apply(HarnessConfig.ArgvBaseline, c.State);
            result = result with { IgnoredSettings = [.. state.Unrecognized.Select(s => s.Scope + "." + s.Key)] };
            config = state.Config with { FirmwareDescriptors = FirmwareDescriptors };
            host = Hosts.ForArgv(c);
            context = HarnessLaunch.ForArgv(c);
            xml = File.ReadAllText(InTests(c.InputXml));
            expected = c.ExpectedKind == ExpectedKind.Args ? CorpusText.ReadRaw(InTests(c.Expected)) : CorpusText.ReadJoined(InTests(c.Expected));
        }
        catch (Exception ex)
        {
            return result with { Phase = CasePhase.Setup, Message = Describe(ex) };
        }

        DomainDefinition def;
        try
        {
            def = DomainXmlParser.Parse(xml, HarnessLaunch.ParseOptions(inactive: true, c.Extra));
            def = QemuEngine.PostParse(def, host, config, inactive: true);
        }
        catch (Exception ex)
        {
            return Refused(result, c.ExpectedKind, CasePhase.Parse, ex, expected);
        }

        QemuCommandLine cmd;
        try
        {
            cmd = QemuEngine.BuildCommandLine(def, host, config, context);
        }
        catch (Exception ex)
        {
            return Refused(result, c.ExpectedKind, CasePhase.Build, ex, expected);
        }

        if (c.ExpectedKind != ExpectedKind.Args)
        {
            return result with
            {
                Status = CaseStatus.Fail,
                Phase = CasePhase.Build,
                PhaseMatched = false,
                MessageMatched = false,
                Message = c.ExpectedKind == ExpectedKind.ParseError
                    ? "expected a parse error; the definition was accepted and built"
                    : "expected a failure; the command line was built",
            };
        }

        string actual;
        try
        {
            actual = ArgsTextRenderer.Render(cmd);
        }
        catch (Exception ex)
        {
            return result with { Phase = CasePhase.Render, Message = Describe(ex) };
        }

        var diff = LineDifference.Find(expected, actual);
        return result with
        {
            Status = diff is null ? CaseStatus.Pass : CaseStatus.Fail,
            Phase = CasePhase.Compare,
            Difference = diff,
        };
    }

    /// <summary>Runs one xml2xml case: parse → post-parse → format → compare (SPEC §2).</summary>
    public CaseResult RunXml2XmlCase(Xml2XmlCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var result = Template(c);

        string xml;
        string expected;
        Capabilities.HostInfo host;
        Qemu.Configuration.DriverConfig config;
        try
        {
            var state = HarnessConfig.Apply(HarnessConfig.Xml2XmlBaseline, c.State);
            result = result with { IgnoredSettings = [.. state.Unrecognized.Select(s => s.Scope + "." + s.Key)] };
            config = state.Config with { FirmwareDescriptors = FirmwareDescriptors };
            host = Hosts.ForXml2Xml(c);
            xml = File.ReadAllText(InTests(c.InputXml));
            expected = CorpusText.ReadJoined(InTests(c.Expected));
        }
        catch (Exception ex)
        {
            return result with { Phase = CasePhase.Setup, Message = Describe(ex) };
        }

        DomainDefinition def;
        try
        {
            def = DomainXmlParser.Parse(xml, HarnessLaunch.ParseOptions(c.Inactive, c.Extra));
            def = QemuEngine.PostParse(def, host, config, inactive: c.Inactive);
        }
        catch (Exception ex)
        {
            return result with { Status = Classify(ex), Phase = CasePhase.Parse, Message = Describe(ex) };
        }

        string actual;
        try
        {
            actual = DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = c.Inactive });
        }
        catch (Exception ex)
        {
            return result with { Status = Classify(ex), Phase = CasePhase.Format, Message = Describe(ex) };
        }

        var diff = LineDifference.Find(expected, CorpusText.AlignTrailingNewline(actual, expected));
        return result with
        {
            Status = diff is null ? CaseStatus.Pass : CaseStatus.Fail,
            Phase = CasePhase.Compare,
            Difference = diff,
        };
    }

    /// <summary>
    /// Runs one domaincaps case: set up as domaincapstest does → build the domain
    /// capabilities → format → compare (SPEC §3). Non-QEMU rows (libxl, bhyve) are skipped.
    /// </summary>
    public CaseResult RunDomainCapsCase(DomainCapsCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var result = Template(c);
        if (c.Kind is not ("qemu" or ""))
        {
            return result with
            {
                Status = CaseStatus.Skipped,
                Message = $"'{c.Kind}' domain capabilities are outside Vireo's scope (QEMU only)",
            };
        }

        string expected;
        Capabilities.QemuCapabilities caps;
        Capabilities.HostInfo host;
        Qemu.DomainCapabilities.DomainCapsOptions opts;
        string? machine;
        try
        {
            caps = DomainCaps.Caps(c);
            host = DomainCapsHarness.Host(c);
            opts = DomainCaps.Options(c, caps);
            machine = DomainCapsHarness.Machine(c, caps);
            expected = CorpusText.ReadJoined(InTests(c.Expected));
        }
        catch (Exception ex)
        {
            return result with { Phase = CasePhase.Setup, Message = Describe(ex) };
        }

        Qemu.DomainCapabilities.DomainCapabilitiesModel model;
        try
        {
            model = Qemu.DomainCapabilities.DomainCapabilitiesBuilder.Build(caps, host, machine, c.VirtType, opts);
        }
        catch (Exception ex)
        {
            return result with { Status = Classify(ex), Phase = CasePhase.Build, Message = Describe(ex) };
        }

        string actual;
        try
        {
            actual = Qemu.DomainCapabilities.DomainCapabilitiesFormatter.Format(model);
        }
        catch (Exception ex)
        {
            return result with { Phase = CasePhase.Format, Message = Describe(ex) };
        }

        var diff = LineDifference.Find(expected, CorpusText.AlignTrailingNewline(actual, expected));
        return result with
        {
            Status = diff is null ? CaseStatus.Pass : CaseStatus.Fail,
            Phase = CasePhase.Compare,
            Difference = diff,
        };
    }

    private static CaseResult Template(DomainCapsCase c) => new()
    {
        Suite = ConformanceSuite.DomainCaps,
        Name = c.Name,
        Label = c.Name,
        Category = c.Category,
        Row = c.Row,
        Status = CaseStatus.Error,
        Phase = CasePhase.NotRun,
        ExpectedKind = "xml",
        ExpectedFile = c.Expected,
    };

    private static CaseResult Template(ArgvCase c) => new()
    {
        Suite = ConformanceSuite.Argv,
        Name = c.Name,
        Label = c.TestName,
        Category = c.Category,
        Row = c.Row,
        Status = CaseStatus.Error,
        Phase = CasePhase.NotRun,
        ExpectedKind = CorpusReader.KindName(c.ExpectedKind),
        ExpectedFile = c.Expected,
    };

    private static CaseResult Template(Xml2XmlCase c) => new()
    {
        Suite = ConformanceSuite.Xml2Xml,
        Name = c.Name,
        Label = c.TestName,
        Category = c.Category,
        Row = c.Row,
        Status = CaseStatus.Error,
        Phase = CasePhase.NotRun,
        ExpectedKind = "xml",
        ExpectedFile = c.Expected,
    };

    private string InTests(string relative) => Path.Combine(TestsDir, relative);

    private static CaseResult Refused(CaseResult result, ExpectedKind kind, CasePhase phase, Exception ex, string expected)
    {
        if (ex is not VireoException vex)
        {
            return result with { Status = CaseStatus.Error, Phase = phase, Message = Describe(ex) };
        }

        if (kind == ExpectedKind.Args)
        {
            return result with { Status = CaseStatus.Fail, Phase = phase, Message = vex.Message };
        }

        var expectedPhase = kind == ExpectedKind.ParseError ? CasePhase.Parse : CasePhase.Build;
        var actual = CorpusText.AlignTrailingNewline(vex.Message + "\n", expected);
        return result with
        {
            Status = CaseStatus.Pass,
            Phase = phase,
            PhaseMatched = phase == expectedPhase,
            MessageMatched = string.Equals(actual, expected, StringComparison.Ordinal),
            Message = vex.Message,
            Difference = LineDifference.Find(expected, actual),
        };
    }

    private static CaseStatus Classify(Exception ex) => ex is VireoException ? CaseStatus.Fail : CaseStatus.Error;

    private static string Describe(Exception ex) =>
        ex is VireoException ? ex.Message : ex.GetType().FullName + ": " + ex.Message;

    private static ImmutableArray<T> Filter<T>(ImmutableArray<T> cases, Func<T, string> category, string? wanted) =>
        wanted is null ? cases : [.. cases.Where(c => string.Equals(category(c), wanted, StringComparison.Ordinal))];

    private static SuiteResult RunPending(
        ConformanceSuite suite, ImmutableArray<PendingCase> cases, int parallelism, Action<int>? started, Action<CaseResult>? finished)
    {
        var results = new CaseResult[cases.Length];
        Parallel.For(
            0,
            cases.Length,
            new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            i =>
            {
                started?.Invoke(cases[i].Row);
                results[i] = cases[i].Run();
                finished?.Invoke(results[i]);
            });
        return new SuiteResult { Suite = suite, Cases = [.. results] };
    }
}
