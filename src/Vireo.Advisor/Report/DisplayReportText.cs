using System.Globalization;
using System.Text;
using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Report;

/// <summary>Renders a report as a table a person can act on: stage | device | verdict | why, then the fixes and the overall verdict.</summary>
public static class DisplayReportText
{
    /// <summary>The text (ending in a newline).</summary>
    public static string Render(DisplayReport report, VerifyResult? verify = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        var accel = report.Accel == "kvm" ? "KVM" : "TCG";
        sb.Append(CultureInfo.InvariantCulture, $"display-check: {report.Domain} ({report.Arch} {report.Machine}, firmware {report.Firmware}, {accel}, {report.GuestOs} guest)").Append('\n');
        foreach (var d in report.Devices)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {d.Source}: {d.Model} -> {d.QemuDevice} ({d.Role}{(d.Ramfb ? ", ramfb" : "")})").Append('\n');
        }

        sb.Append('\n');
        string[] header = ["stage", "device", "verdict", "why"];
        var rows = report.Stages.Select(s => new[] { s.Stage.Name(), s.Device, s.Verdict.Name(), s.Reason }).ToList();
        var w0 = rows.Select(r => r[0].Length).Append(header[0].Length).Max();
        var w1 = rows.Select(r => r[1].Length).Append(header[1].Length).Max();
        var w2 = rows.Select(r => r[2].Length).Append(header[2].Length).Max();
        foreach (var r in rows.Prepend(header))
        {
            sb.Append(r[0].PadRight(w0)).Append("  ").Append(r[1].PadRight(w1)).Append("  ").Append(r[2].PadRight(w2)).Append("  ").Append(r[3]).Append('\n');
        }

        var fixes = report.Fixes;
        if (!fixes.IsEmpty)
        {
            sb.Append("\nfixes:\n");
            for (var i = 0; i < fixes.Length; i++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"  {i + 1}. {fixes[i]}").Append('\n');
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"\nfirmware screen (predicted): {report.FirmwareScreen}\n");
        if (verify is not null)
        {
            var first = verify.FirstPicture is { } t ? string.Create(CultureInfo.InvariantCulture, $", first picture after {t.TotalSeconds:0.0} s") : "";
            var note = verify.Note is { Length: > 0 } n ? $" ({n})" : "";
            sb.Append(CultureInfo.InvariantCulture, $"firmware screen (observed under TCG): {verify.Observed}{first}{note}: {(verify.Matches ? "matches" : "DOES NOT MATCH the prediction")}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"verdict: {report.Verdict.Name()} (exit {report.ExitCodeWith(verify)})\n");
        return sb.ToString();
    }
}
