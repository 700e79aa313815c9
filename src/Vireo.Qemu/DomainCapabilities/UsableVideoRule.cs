namespace Vireo.Qemu.DomainCapabilities;

/// <summary>One row of the <c>--usable</c> video table: a model, when it cannot show a picture, and why.</summary>
public sealed record UsableVideoRule(string Model, UsableVideoCondition Condition, string Reason);
