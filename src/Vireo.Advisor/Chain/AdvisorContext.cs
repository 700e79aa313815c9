using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Chain;

/// <summary>The key parts shared by every question the advisor asks about one domain.</summary>
/// <param name="Facts">The fact table.</param>
/// <param name="Arch">Arch family.</param>
/// <param name="Firmware">Firmware kind.</param>
/// <param name="Accel"><c>kvm</c> or <c>tcg</c>.</param>
/// <param name="Guest">Guest OS.</param>
/// <param name="Binary">The QEMU binary, for messages.</param>
/// <param name="Graphics">The domain's graphics.</param>
internal sealed record AdvisorContext(FactTable Facts, string Arch, string Firmware, string Accel, string Guest, string Binary, GraphicsSummary Graphics);
