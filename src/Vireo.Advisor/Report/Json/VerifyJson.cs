namespace Vireo.Advisor.Report.Json;

/// <summary>The <c>--verify</c> result in the JSON output.</summary>
internal sealed record VerifyJson(string Predicted, string Observed, bool Matches, double? FirstPictureSeconds, double Seconds, string? Note);
