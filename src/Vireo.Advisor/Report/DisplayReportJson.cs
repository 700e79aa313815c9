using System.Text.Encodings.Web;
using System.Text.Json;
using Vireo.Advisor.Facts;
using Vireo.Advisor.Report.Json;

namespace Vireo.Advisor.Report;

/// <summary>Renders a report as the stable JSON document of docs/display-check.md.</summary>
public static class DisplayReportJson
{
    // Readable output: '<', '>' and quotes in reasons and fixes stay as they are (the text is
    // printed, never embedded in HTML); still source-generated, no reflection.
    private static readonly ReportJsonContext Context = new(new System.Text.Json.JsonSerializerOptions(ReportJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>The JSON text (indented, ending in a newline).</summary>
    public static string Render(DisplayReport report, VerifyResult? verify = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var doc = new ReportJson(
            DisplayReport.SchemaVersion,
            report.Domain,
            report.Arch,
            report.Machine,
            report.Firmware,
            report.Accel,
            report.GuestOs,
            report.Emulator,
            [.. report.Devices.Select(d => new DeviceJson(d.Source, d.Model, d.QemuDevice, d.Role, d.Ramfb))],
            [.. report.Stages.Select(s => new StageJson(s.Stage.Name(), s.Device, s.Verdict.Name(), s.Reason, s.Fix, s.FactId, s.Source))],
            report.FirmwareScreen,
            report.Fixes,
            report.Verdict.Name(),
            report.ExitCodeWith(verify),
            verify is null ? null : new VerifyJson(verify.Predicted, verify.Observed, verify.Matches, Round(verify.FirstPicture), Round(verify.Elapsed) ?? 0, verify.Note));
        return JsonSerializer.Serialize(doc, Context.ReportJson) + "\n";
    }

    private static double? Round(TimeSpan? t) => t is { } v ? Math.Round(v.TotalSeconds, 1) : null;
}
