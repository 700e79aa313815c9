using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Probing;
using Vireo.Qemu.Platform;

namespace Vireo.Cli;

/// <summary>
/// Where a command's QEMU capabilities come from: <c>--caps FILE</c> (a libvirt cache file),
/// <c>--emulator PATH</c> (the binary, probed and cached), or else the snapshot embedded for
/// the guest arch.
/// </summary>
internal static class CapabilitySelection
{
    /// <summary>The guest arch assumed when neither the domain nor the command line names one.</summary>
    public const string DefaultArch = "x86_64";

    /// <summary>Checks that at most one source is given and that a given file exists; call before reading other input.</summary>
    public static void Validate(string command, ParsedArgs a)
    {
        if (a.Option("caps") is { } caps)
        {
            if (a.Option("emulator") is not null)
            {
                throw new UsageException($"{command}: give at most one of --caps FILE and --emulator PATH");
            }

            InputFiles.RequireFile(caps);
        }

        if (a.Option("probe-timeout") is not null && a.Option("emulator") is null)
        {
            throw new UsageException($"{command}: --probe-timeout applies only with --emulator PATH");
        }
    }

    /// <summary>The capabilities for a guest of <paramref name="arch"/> (null: <see cref="DefaultArch"/>) from whichever source the arguments name.</summary>
    public static QemuCapabilities Select(string command, ParsedArgs a, string? arch, CliServices services)
    {
        Validate(command, a);
        if (a.Option("caps") is { } caps)
        {
            return LibvirtCapsXml.Load(caps);
        }

        if (a.Option("emulator") is { } emulator)
        {
            return Probe(command, emulator, a.Option("probe-timeout"), services);
        }

        return Embedded(arch);
    }

    /// <summary>
    /// Refuses capabilities of another arch family than the domain's (an aarch64 domain
    /// with an x86_64 binary); within a family (i686 on x86_64) the engine decides, as libvirt does.
    /// </summary>
    public static void CheckArch(string command, string? domainArch, QemuCapabilities caps, ParsedArgs a)
    {
        if (domainArch is null || caps.Arch.Length == 0 || Machine.Family(domainArch) == Machine.Family(caps.Arch))
        {
            return;
        }

        var source = a.Option("caps") is { } file ? $"'{file}'" : $"'{caps.Emulator}'";
        throw new UsageException($"{command}: the domain is {domainArch}, but the capabilities of {source} are for {caps.Arch}");
    }

    /// <summary>The embedded snapshot for a guest arch.</summary>
    public static QemuCapabilities Embedded(string? arch)
    {
        arch ??= DefaultArch;
        return EmbeddedSnapshots.For(arch)
            ?? throw new UsageException($"no embedded capabilities for arch '{arch}': pass --caps FILE or --emulator PATH");
    }

    /// <summary>Probes a QEMU binary (a path, or a name on PATH), through the cache when there is one.</summary>
    public static QemuCapabilities Probe(string command, string emulator, string? timeout, CliServices services)
    {
        var binary = ProbeArgs.ResolveBinary(command, emulator);
        var options = ProbeArgs.WithTimeout(ProbeOptions.Default, command, "probe-timeout", timeout);
        if (services.ProbeCacheDirectory is { } dir)
        {
            return new ProbeCache(dir, services.Probe).GetOrProbe(binary, options);
        }

        return Interruptible.Run(ct => services.Probe(binary, options, ct));
    }

}
