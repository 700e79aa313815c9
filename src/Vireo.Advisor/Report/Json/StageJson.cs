namespace Vireo.Advisor.Report.Json;

/// <summary>One stage verdict in the JSON output.</summary>
internal sealed record StageJson(string Stage, string Device, string Verdict, string Reason, string? Fix, string Fact, string? Source);
