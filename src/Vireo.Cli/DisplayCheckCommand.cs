using Vireo.Advisor.Chain;
using Vireo.Advisor.Report;
using Vireo.Advisor.Verify;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Runtime.State;

namespace Vireo.Cli;

/// <summary>
/// <c>display-check</c>: will this guest show a picture, from power-on to desktop? Prints the
/// display advisor's stage-by-stage verdicts (src/Vireo.Advisor); exits 0 ok, 1 degraded,
/// 2 broken, 3 when it could not check, 4 when <c>--verify</c> saw something else.
/// </summary>
internal static class DisplayCheckCommand
{
    /// <summary>The domain could not be checked: bad arguments, a missing or unparsable file, a binary that cannot be probed or booted.</summary>
    public const int CannotCheck = 3;

    private const string CmdName = "display-check";

    public const string Help = """
        usage: vireo display-check DOMAIN.xml [--caps CAPS.xml | --emulator PATH]
                                   [--accel kvm|tcg] [--guest-os linux|windows|other]
                                   [--verify [--state-dir DIR]] [--format text|json]
                                   [--probe-timeout SECONDS]

        Walks the domain's display chain stage by stage and says for each whether the
        guest will have a picture, and why: device (the QEMU device each <video> and
        vGPU display becomes, as xml2argv builds it), accelerator (PCI-BAR framebuffers
        on Arm under KVM), firmware (which firmware driver binds the boot display),
        bootloader (linear framebuffer or Blt() only), os-driver (which guest driver
        takes over) and remote-display (whether the <graphics> can show it). Every
        verdict comes from one fact table (docs/display-check.md).

          --caps CAPS.xml    the binary as described by a libvirt caps file
          --emulator PATH    probe this binary over QMP (cached, as for xml2argv)
          (neither)          the snapshot Vireo carries for the domain's arch
          --accel A          kvm or tcg (default: the domain's type; 'qemu' is TCG)
          --guest-os OS      linux, windows or other (default: windows when the domain
                             has Hyper-V enlightenments, else linux)
          --verify           boot the domain's firmware under TCG (a copy of its
                             platform and videos only: no disks, no network) and check
                             the firmware-stage prediction against the screen
          --state-dir DIR    where --verify's short-lived guest lives (default: a
                             private temporary directory, removed afterwards)
          --format text      a table: stage | device | verdict | why, fixes, verdict (default)
          --format json      the documented JSON document (schemaVersion 1)

        Exit codes: 0 every stage ok, 1 something degraded, 2 something broken,
        3 the domain could not be checked (bad arguments, missing or unparsable file,
        probe or boot failure), 4 --verify saw another screen than predicted.
        """;

    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        try
        {
            return Check(args, stdout, services);
        }
        catch (DomainXmlException ex) when (ex.Location is not null || ex.Line is not null)
        {
            var where = ex.Location is null ? $"line {ex.Line}" : ex.Line is null ? ex.Location : $"{ex.Location}, line {ex.Line}";
            throw new DisplayCheckException(CannotCheck, $"{ex.Message} (at {where})", ex);
        }
        catch (VireoException ex)
        {
            throw new DisplayCheckException(CannotCheck, ex.Message, ex);
        }
        catch (UsageException ex)
        {
            throw new DisplayCheckException(CannotCheck, ex.Message, ex);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DisplayCheckException(CannotCheck, ex.Message, ex);
        }
    }

    private static int Check(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["caps", "emulator", "probe-timeout", "accel", "guest-os", "format", "state-dir"], ["verify"]);
        var domainPath = InputFiles.RequireFile(a.ExpectPositional(CmdName, 1, "one DOMAIN.xml argument")[0]);
        var format = OneOf(a, "format", "text", "json") ?? "text";
        var accel = OneOf(a, "accel", "kvm", "tcg");
        var guest = OneOf(a, "guest-os", "linux", "windows", "other");
        if (a.Option("state-dir") is not null && !a.Flag("verify"))
        {
            throw new UsageException($"{CmdName}: --state-dir applies only with --verify");
        }

        CapabilitySelection.Validate(CmdName, a);
        var def = DomainXmlParser.ParseFile(domainPath, new DomainParseOptions { Inactive = true });
        var caps = CapabilitySelection.Select(CmdName, a, def.Os.Arch, services);
        CapabilitySelection.CheckArch(CmdName, def.Os.Arch, caps, a);
        var report = DisplayAdvisor.Analyze(def, CapsHost.For(caps), caps, new AdvisorOptions { Accel = accel, GuestOs = guest });

        VerifyResult? verify = null;
        if (a.Flag("verify"))
        {
            verify = RunVerify(a, def, report, services);
        }

        stdout.Write(format == "json" ? DisplayReportJson.Render(report, verify) : DisplayReportText.Render(report, verify));
        if (verify is { Matches: false })
        {
            throw new DisplayCheckException(DisplayReport.VerifyMismatchExitCode,
                $"{CmdName} --verify: predicted '{verify.Predicted}' for the firmware screen, but it showed '{verify.Observed}'");
        }

        return report.ExitCodeWith(verify);
    }

    // Boots under TCG with the real binary (--emulator, the domain's <emulator>, or qemu-system-ARCH on PATH).
    private static VerifyResult RunVerify(ParsedArgs a, Domain.DomainDefinition def, DisplayReport report, CliServices services)
    {
        var (host, withEmulator) = GuestCommandSupport.HostFor(CmdName, def, a.Option("emulator"), services);
        var own = a.Option("state-dir") is null;
        var root = a.Option("state-dir") ?? Path.Combine(Path.GetTempPath(), "vireo-display-check-" + Path.GetRandomFileName());
        try
        {
            var state = new StateDirectory(root);
            return GuestCommandSupport.Run($"{CmdName} --verify", ct => BootVerifier.VerifyAsync(state, withEmulator, report, host, null, ct));
        }
        finally
        {
            if (own && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private static string? OneOf(ParsedArgs a, string option, params string[] allowed)
    {
        var value = a.Option(option);
        if (value is not null && !allowed.Contains(value, StringComparer.Ordinal))
        {
            throw new UsageException($"{CmdName}: --{option} must be {string.Join(", ", allowed.Select(v => "'" + v + "'"))}, not '{value}'");
        }

        return value;
    }
}
