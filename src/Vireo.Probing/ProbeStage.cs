namespace Vireo.Probing;

/// <summary>One timestamped step of a probe (see <see cref="ProbeTimings"/>).</summary>
/// <param name="Name">What had just finished, e.g. <c>kvm:tcg round 1</c>.</param>
/// <param name="At">Time since the <see cref="ProbeTimings"/> was created.</param>
public sealed record ProbeStage(string Name, TimeSpan At);
