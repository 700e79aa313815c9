namespace Vireo.Cli;

/// <summary>The <c>detach-device</c> command.</summary>
internal static class DetachDeviceCommand
{
    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        _ = args;
        _ = stdout;
        _ = services;
        throw new UsageException("detach-device: not yet");
    }
}
