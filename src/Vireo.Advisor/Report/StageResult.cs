using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Report;

/// <summary>The verdict of one stage for one device.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Device">The QEMU device it is about (<c>-</c> for none).</param>
/// <param name="Verdict">ok, degraded or broken.</param>
/// <param name="Reason">Why.</param>
/// <param name="Fix">What to change, or null.</param>
/// <param name="FactId">The fact-table row that decided it.</param>
/// <param name="Source">Where that fact comes from, or null.</param>
public sealed record StageResult(DisplayStage Stage, string Device, Verdict Verdict, string Reason, string? Fix, string FactId, string? Source);
