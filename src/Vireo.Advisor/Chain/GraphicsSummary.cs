using System.Collections.Immutable;

namespace Vireo.Advisor.Chain;

/// <summary>The domain's &lt;graphics&gt;: their types, whether any offers OpenGL, and how to name them.</summary>
/// <param name="Types">Graphics types in domain order.</param>
/// <param name="HasGl">SPICE with <c>&lt;gl enable='yes'/&gt;</c> or egl-headless is present.</param>
/// <param name="Names">Display names (<c>spice (GL)</c> for SPICE with GL).</param>
public sealed record GraphicsSummary(ImmutableArray<string> Types, bool HasGl, ImmutableArray<string> Names)
{
    /// <summary><c>vnc</c>, <c>vnc + egl-headless</c>, or <c>no graphics</c>.</summary>
    public string Describe() => Names.IsEmpty ? "no graphics" : string.Join(" + ", Names);
}
