using System.Collections.Immutable;

namespace Vireo.Probing;

/// <summary>
/// "If QOM type <see cref="TypeName"/> has property P, set flag F": one row of the
/// device / object / machine property tables. <see cref="Condition"/>, when set, is a flag
/// that must already be present for the type to be inspected at all.
/// </summary>
internal sealed record PropertyRule(string TypeName, string? Condition, ImmutableArray<(string Property, string Flag)> Properties);
