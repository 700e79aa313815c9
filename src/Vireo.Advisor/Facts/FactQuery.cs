namespace Vireo.Advisor.Facts;

/// <summary>What the advisor asks the fact table for one stage of one device.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Arch">Arch family (<c>x86</c>, <c>arm</c>, <c>ppc</c>, <c>s390</c>, <c>riscv</c>, <c>other</c>).</param>
/// <param name="Firmware">Firmware kind (<c>seabios</c>, <c>ovmf</c>, <c>aavmf</c>, <c>slof</c>, <c>none</c>, <c>unknown</c>).</param>
/// <param name="Device">QEMU device, <c>-</c> for none.</param>
/// <param name="Accel"><c>kvm</c> or <c>tcg</c>.</param>
/// <param name="Guest"><c>linux</c>, <c>windows</c> or <c>other</c>.</param>
/// <param name="When">The condition the advisor computed for this stage.</param>
public sealed record FactQuery(DisplayStage Stage, string Arch, string Firmware, string Device, string Accel, string Guest, string When);
