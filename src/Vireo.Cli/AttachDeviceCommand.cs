namespace Vireo.Cli;

/// <summary>The <c>attach-device</c> command.</summary>
internal static class AttachDeviceCommand
{
    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        _ = args;
        _ = stdout;
        _ = services;
        throw new UsageException("attach-device: not yet");
    }
}
