namespace Vireo.Runtime.Tests.BootDisplay;

/// <summary>What one matrix case measured.</summary>
internal sealed record MatrixResult(MatrixRow Row, double? StartSeconds, double? FirstPictureSeconds, string Frame, int Colours, int Frames, string Note)
{
    public string Report() =>
        $"| {Row.Case} | {Row.Device} | {Row.Outcome} | {Seconds(StartSeconds)} | {Seconds(FirstPictureSeconds)} | {Frame} | {(Colours == 0 ? "-" : Colours)} | {Frames} | {Note} |";

    private static string Seconds(double? s) => s is { } v ? v.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) : "-";
}
