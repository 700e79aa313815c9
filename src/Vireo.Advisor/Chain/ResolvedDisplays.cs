using System.Collections.Immutable;
using Vireo.Domain;

namespace Vireo.Advisor.Chain;

/// <summary>The domain as the engine prepared it and the display devices it built; or why it refused.</summary>
/// <param name="Definition">The post-parsed definition (the parsed one when refused).</param>
/// <param name="Devices">Display devices with their QEMU devices.</param>
/// <param name="Refusal">The engine's message when it refused the domain, else null.</param>
/// <param name="MissingFlag">When refused because the binary lacks the primary video's device: that capability flag.</param>
public sealed record ResolvedDisplays(DomainDefinition Definition, ImmutableArray<DisplayDevice> Devices, string? Refusal, string? MissingFlag);
