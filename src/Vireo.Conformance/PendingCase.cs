namespace Vireo.Conformance;

/// <summary>A case ready to run: its TSV row, the result it gets if it never reports, and how to run it.</summary>
/// <param name="Row">1-based TSV line; identifies the case within its suite.</param>
/// <param name="Template">Metadata-filled result with status error, used when the case cannot report (e.g. its process crashed).</param>
/// <param name="Run">Runs the case; never throws.</param>
public sealed record PendingCase(int Row, CaseResult Template, Func<CaseResult> Run);
