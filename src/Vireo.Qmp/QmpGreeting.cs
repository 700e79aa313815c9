using System.Collections.Immutable;

namespace Vireo.Qmp;

/// <summary>The banner QEMU sends when a client connects: its version and the optional protocol capabilities.</summary>
public sealed record QmpGreeting
{
    public int Major { get; init; }

    public int Minor { get; init; }

    public int Micro { get; init; }

    /// <summary>Distribution package string (may be empty).</summary>
    public string Package { get; init; } = "";

    /// <summary>Protocol capabilities offered (e.g. <c>oob</c>).</summary>
    public ImmutableArray<string> Capabilities { get; init; } = [];
}
