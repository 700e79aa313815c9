using System.Globalization;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Runtime;
using Vireo.Runtime.State;

namespace Vireo.Cli;

/// <summary>What the guest commands (start, list, destroy, ...) share: the state directory, the QEMU host, Ctrl-C handling.</summary>
internal static class GuestCommandSupport
{
    /// <summary>The state directory from <c>--state-dir</c>, or the default one.</summary>
    public static StateDirectory State(ParsedArgs a) =>
        new(a.Option("state-dir") is { Length: > 0 } dir ? dir : StateDirectory.DefaultPath());

    /// <summary>
    /// The host for a domain: the capabilities of its QEMU binary (<c>--emulator</c>, its
    /// <c>&lt;emulator&gt;</c>, or <c>qemu-system-ARCH</c> on PATH), probed live through the
    /// cache; and the domain with that binary as its emulator.
    /// </summary>
    public static (HostInfo Host, DomainDefinition Definition) HostFor(string command, DomainDefinition def, string? emulatorOption, CliServices services)
    {
        var arch = def.Os.Arch ?? CapabilitySelection.DefaultArch;
        var emulator = emulatorOption ?? def.Emulator ?? "qemu-system-" + arch;
        var caps = CapabilitySelection.Probe(command, emulator, null, services);
        return (CapsHost.For(caps), def with { Emulator = caps.Emulator.Length > 0 ? caps.Emulator : def.Emulator });
    }

    /// <summary>Runs async work so that Ctrl-C cancels it (letting it clean up) instead of killing vireo mid-way.</summary>
    public static T Run<T>(string what, Func<CancellationToken, Task<T>> work) =>
        Interruptible.Run(work, () => new RuntimeException($"{what} interrupted"));

    /// <summary>Parses <c>--timeout</c>-style seconds.</summary>
    public static TimeSpan Seconds(string command, string option, string? value, TimeSpan fallback)
    {
        if (value is null)
        {
            return fallback;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || seconds > 86400)
        {
            throw new UsageException($"{command}: --{option} must be a number of seconds between 0 and 86400, not '{value}'");
        }

        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Seconds with two decimals, for messages.</summary>
    public static string Format(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
