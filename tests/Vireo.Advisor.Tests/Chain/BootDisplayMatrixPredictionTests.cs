using Vireo.Runtime.Tests.BootDisplay;

namespace Vireo.Advisor.Tests.Chain;

/// <summary>
/// For every row of the measured boot-display matrix, display-check's firmware-stage
/// prediction (and the QEMU device) equals what the screenshot showed. Pure prediction: no QEMU.
/// </summary>
public class BootDisplayMatrixPredictionTests
{
    public static TheoryData<string> Cases() => [.. MatrixRow.Load().Select(r => r.Case)];

    [Fact]
    public void The_matrix_has_all_24_measured_cases()
    {
        Assert.Equal(24, MatrixRow.Load().Count);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Prediction_matches_the_measured_screen(string name)
    {
        var row = MatrixRow.Load().Single(r => r.Case == name);
        var report = Advise.Xml(row.Xml());

        var device = report.Devices.FirstOrDefault(d => d.Role == "primary")?.QemuDevice ?? "-";
        Assert.Equal(row.Device, device);
        Assert.Equal(row.Outcome, report.FirmwareScreen);
        Assert.Equal("tcg", report.Accel);
        Assert.Equal(row.Firmware, report.Firmware);
    }

    [Fact]
    public void Every_row_at_once_all_predictions_match()
    {
        var misses = MatrixRow.Load()
            .Select(r => (r, Report: Advise.Xml(r.Xml())))
            .Where(p => p.Report.FirmwareScreen != p.r.Outcome)
            .Select(p => $"{p.r.Case}: measured {p.r.Outcome}, predicted {p.Report.FirmwareScreen}")
            .ToList();
        Assert.True(misses.Count == 0, string.Join("\n", misses));
    }
}
