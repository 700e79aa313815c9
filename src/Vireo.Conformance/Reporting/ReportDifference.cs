namespace Vireo.Conformance.Reporting;

/// <summary>The first differing line of a case in the JSON report.</summary>
public sealed record ReportDifference(int Line, string? Expected, string? Actual);
