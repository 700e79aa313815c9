namespace Vireo.Advisor.Facts;

/// <summary>One row of the fact table: a key (stage and patterns) and its outcome.</summary>
/// <param name="Id">Stable identifier, reported with every stage.</param>
/// <param name="Stage">The stage the fact is about.</param>
/// <param name="Arch">Arch family pattern.</param>
/// <param name="Firmware">Firmware kind pattern.</param>
/// <param name="Device">QEMU device pattern.</param>
/// <param name="Accel">Accelerator pattern.</param>
/// <param name="Guest">Guest OS pattern.</param>
/// <param name="When">Condition pattern.</param>
/// <param name="Verdict">The outcome.</param>
/// <param name="Screen">Firmware stage: what a screenshot shows while the firmware runs; null elsewhere.</param>
/// <param name="Reason">Why (with <c>{placeholders}</c>).</param>
/// <param name="Fix">What to change, or null.</param>
/// <param name="Source">Where the fact comes from, or null.</param>
/// <param name="Line">Line in the table file.</param>
public sealed record DisplayFact(
    string Id,
    DisplayStage Stage,
    FactPattern Arch,
    FactPattern Firmware,
    FactPattern Device,
    FactPattern Accel,
    FactPattern Guest,
    FactPattern When,
    Verdict Verdict,
    string? Screen,
    string Reason,
    string? Fix,
    string? Source,
    int Line)
{
    /// <summary>How many key columns are not <c>*</c>: the most specific matching fact wins.</summary>
    public int Specificity =>
        (Arch.IsAny ? 0 : 1) + (Firmware.IsAny ? 0 : 1) + (Device.IsAny ? 0 : 1) + (Accel.IsAny ? 0 : 1) + (Guest.IsAny ? 0 : 1) + (When.IsAny ? 0 : 1);

    /// <summary>Whether the fact applies to <paramref name="q"/>.</summary>
    public bool Matches(FactQuery q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Stage == q.Stage && Arch.Matches(q.Arch) && Firmware.Matches(q.Firmware) && Device.Matches(q.Device)
            && Accel.Matches(q.Accel) && Guest.Matches(q.Guest) && When.Matches(q.When);
    }
}
