namespace Vireo.Cli;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>The command completed.</summary>
    public const int Ok = 0;

    /// <summary>Vireo refused the input (a <see cref="Domain.Errors.VireoException"/>).</summary>
    public const int Refused = 1;

    /// <summary>Bad arguments or a missing file.</summary>
    public const int Usage = 2;

    /// <summary>A bug: an unexpected exception (EX_SOFTWARE).</summary>
    public const int Internal = 70;
}
