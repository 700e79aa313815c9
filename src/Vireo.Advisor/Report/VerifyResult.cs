namespace Vireo.Advisor.Report;

/// <summary>What <c>--verify</c> saw when it booted the firmware under TCG.</summary>
/// <param name="Predicted">The advisor's firmware-screen prediction.</param>
/// <param name="Observed">What the screen showed: <c>picture</c>, <c>placeholder</c>, <c>blank</c> or <c>no-display</c>.</param>
/// <param name="FirstPicture">When the first picture came (from the guest running), or null.</param>
/// <param name="Elapsed">How long the watch took.</param>
/// <param name="Note">E.g. <c>UEFI shell reached</c>, or QEMU's message when there is no display.</param>
public sealed record VerifyResult(string Predicted, string Observed, TimeSpan? FirstPicture, TimeSpan Elapsed, string? Note)
{
    /// <summary>Whether the screen showed what the advisor predicted.</summary>
    public bool Matches => string.Equals(Predicted, Observed, StringComparison.Ordinal);
}
