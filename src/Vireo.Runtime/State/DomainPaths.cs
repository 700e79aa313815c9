namespace Vireo.Runtime.State;

/// <summary>
/// Where one domain's files live. Runtime state is in <c>STATE/domains/NAME/</c> and
/// disappears with the guest; the log (<c>STATE/logs/NAME.log</c>), the NVRAM
/// (<c>STATE/nvram/</c>) and the lock file (<c>STATE/locks/NAME.lock</c>) outlive it, as
/// libvirt's log and NVRAM directories do.
/// </summary>
public sealed record DomainPaths
{
    internal DomainPaths(string root, string name)
    {
        Name = name;
        Directory = Path.Combine(root, StateDirectory.DomainsFolder, name);
        LockFile = Path.Combine(root, StateDirectory.LocksFolder, name + ".lock");
        LogFile = Path.Combine(root, StateDirectory.LogsFolder, name + ".log");
        NvramDirectory = Path.Combine(root, StateDirectory.NvramFolder);
    }

    /// <summary>The domain name.</summary>
    public string Name { get; }

    /// <summary>The per-domain runtime directory.</summary>
    public string Directory { get; }

    /// <summary>The state record (JSON).</summary>
    public string RecordFile => Path.Combine(Directory, "domain.json");

    /// <summary>The live definition: the domain XML with defaults, addresses and aliases, including hot-plugged devices.</summary>
    public string LiveXmlFile => Path.Combine(Directory, "live.xml");

    /// <summary>QEMU's process id, in decimal.</summary>
    public string PidFile => Path.Combine(Directory, "qemu.pid");

    /// <summary>The QMP monitor socket.</summary>
    public string MonitorSocket => Path.Combine(Directory, "monitor.sock");

    /// <summary>The first serial port's socket (a pty serial is given this socket instead).</summary>
    public string ConsoleSocket => Path.Combine(Directory, "console.sock");

    /// <summary>Root of the per-domain private directory (<see cref="Qemu.Configuration.LaunchContext.LibDir"/>).</summary>
    public string LibDirectory => Path.Combine(Directory, "lib");

    /// <summary>Root of the per-domain channel directory (<see cref="Qemu.Configuration.LaunchContext.ChannelTargetDir"/>).</summary>
    public string ChannelDirectory => Path.Combine(Directory, "channel");

    /// <summary>Scratch files (screen dumps QEMU writes).</summary>
    public string ScratchDirectory => Path.Combine(Directory, "tmp");

    /// <summary>Serializes commands on this domain.</summary>
    public string LockFile { get; }

    /// <summary>QEMU's log: the command line of each start, then QEMU's output. Kept after the guest stops.</summary>
    public string LogFile { get; }

    /// <summary>Where a domain without an explicit NVRAM path keeps its UEFI variables (<c>NAME_VARS.fd</c>).</summary>
    public string NvramDirectory { get; }

    /// <summary>The socket of serial port <paramref name="index"/> (0 is <see cref="ConsoleSocket"/>).</summary>
    public string SerialSocket(int index) =>
        index == 0 ? ConsoleSocket : Path.Combine(Directory, "serial" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".sock");
}
