namespace Vireo.Conformance.Reporting;

/// <summary>One category's score in the JSON report.</summary>
public sealed record ReportCategory(string Category, int Passed, int Total, double Percent);
