namespace Vireo.Cli;

/// <summary>The <c>console</c> command.</summary>
internal static class ConsoleCommand
{
    public static int Run(IEnumerable<string> args, TextReader stdin, TextWriter stdout)
    {
        _ = args;
        _ = stdin;
        _ = stdout;
        throw new UsageException("console: not yet");
    }
}
