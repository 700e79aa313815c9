using System.Collections.Immutable;
using Vireo.Advisor.Chain;
using Vireo.Advisor.Facts;

namespace Vireo.Advisor.Report;

/// <summary>What <c>display-check</c> found: the inputs it assumed, each display device, and each stage's verdict.</summary>
public sealed record DisplayReport
{
    /// <summary>The JSON schema version (docs/display-check.md).</summary>
    public const int SchemaVersion = 1;

    /// <summary>Domain name.</summary>
    public required string Domain { get; init; }

    /// <summary>Guest arch.</summary>
    public required string Arch { get; init; }

    /// <summary>Machine type (canonical, when the engine got that far).</summary>
    public required string Machine { get; init; }

    /// <summary>Firmware kind (<see cref="FirmwareKinds"/>).</summary>
    public required string Firmware { get; init; }

    /// <summary><c>kvm</c> or <c>tcg</c>.</summary>
    public required string Accel { get; init; }

    /// <summary><c>linux</c>, <c>windows</c> or <c>other</c>.</summary>
    public required string GuestOs { get; init; }

    /// <summary>The QEMU binary whose capabilities were used.</summary>
    public required string Emulator { get; init; }

    /// <summary>The display devices, in domain order (videos, then vGPUs).</summary>
    public ImmutableArray<DisplayDevice> Devices { get; init; } = [];

    /// <summary>Every stage's verdict, in chain order.</summary>
    public ImmutableArray<StageResult> Stages { get; init; } = [];

    /// <summary>
    /// What a screenshot shows while the firmware runs: <c>picture</c>, <c>placeholder</c>,
    /// <c>blank</c>, <c>no-display</c>, <c>absent</c> (the binary lacks the device) or
    /// <c>refused</c> (Vireo refuses the domain). The prediction <c>--verify</c> checks.
    /// </summary>
    public required string FirmwareScreen { get; init; }

    /// <summary>The worst stage verdict.</summary>
    public Verdict Verdict => Stages.IsDefaultOrEmpty ? Verdict.Broken : Stages.Max(s => s.Verdict);

    /// <summary>0 ok, 1 degraded, 2 broken.</summary>
    public int ExitCode => Verdict.ExitCode();

    /// <summary>Exit code when <c>--verify</c> contradicts the prediction.</summary>
    public const int VerifyMismatchExitCode = 4;

    /// <summary>The exit code: the verdict's (0/1/2), or 4 when <c>--verify</c> saw something else than predicted.</summary>
    public int ExitCodeWith(VerifyResult? verify) => verify is { Matches: false } ? VerifyMismatchExitCode : ExitCode;

    /// <summary>The distinct fixes, from the worst stage down.</summary>
    public ImmutableArray<string> Fixes =>
        [.. Stages.Where(s => s.Fix is not null).OrderByDescending(s => s.Verdict).Select(s => s.Fix!).Distinct(StringComparer.Ordinal)];
}
