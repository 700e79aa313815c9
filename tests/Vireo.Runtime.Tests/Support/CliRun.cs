namespace Vireo.Runtime.Tests.Support;

/// <summary>One finished <c>vireo</c> run.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
