using System.Collections.Immutable;
using Vireo.Capabilities;

namespace Vireo.Probing;

/// <summary>The outcome of a probe: the capabilities, and how it went.</summary>
public sealed record ProbeResult
{
    /// <summary>What the binary can do, ready for <see cref="LibvirtCapsXml.Format"/>.</summary>
    public required QemuCapabilities Capabilities { get; init; }

    /// <summary>Wall-clock time the probe took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Accelerators probed (each with its own machine and CPU model lists).</summary>
    public ImmutableArray<Accelerator> Accelerators { get; init; } = [];

    /// <summary>
    /// Queries QEMU answered with an error, as <c>query: Class: description</c>. Many are
    /// expected (a device this build lacks); they are listed for diagnosis.
    /// </summary>
    public ImmutableArray<string> QueryErrors { get; init; } = [];
}
