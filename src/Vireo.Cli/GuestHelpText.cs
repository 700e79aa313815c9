namespace Vireo.Cli;

/// <summary>Usage texts of the guest commands (start, list, ..., attach-device).</summary>
internal static class GuestHelpText
{
    private const string StateDirNote = """
          --state-dir DIR    where guests keep their state (default: $XDG_RUNTIME_DIR/vireo,
                             or /run/vireo as root); every guest command takes it
        """;

    public const string Start = $"""
        usage: vireo start DOMAIN.xml [--state-dir DIR] [--paused] [--emulator PATH]

        Starts the domain under QEMU and returns once the guest runs. QEMU runs detached
        (its own session; it outlives vireo), its output goes to DIR/logs/NAME.log, its
        monitor is QMP on DIR/domains/NAME/monitor.sock. The domain gets the smallest
        free id in DIR. A pty serial port gets the socket DIR/domains/NAME/console.sock
        instead (see 'vireo console'). <os firmware='efi'> is resolved from QEMU's
        firmware descriptors (/usr/share/qemu/firmware, /etc/qemu/firmware); the UEFI
        variable store is copied from the firmware's template to
        DIR/nvram/NAME_VARS.fd unless <nvram> names one that exists.

          --paused           leave the guest paused (resume it with 'vireo resume')
          --emulator PATH    QEMU binary (default: the domain's <emulator>, else
                             qemu-system-ARCH on PATH); its capabilities are probed
                             and cached
        {StateDirNote}
        Exit 1 when the domain is refused, already running, or QEMU fails to start;
        nothing is left running then.
        """;

    public const string List = $"""
        usage: vireo list [--state-dir DIR]

        Lists the guests with state in DIR: id, name, state, QEMU pid. The state is
        QEMU's run state (running, paused, shutdown...) for a live guest; 'crashed'
        when QEMU is gone (killed, crashed, or a stale pid); 'unresponsive' when it
        runs but its monitor does not answer; 'busy' when another vireo command is
        using it; 'starting' during a start.

        {StateDirNote}
        """;

    public const string Status = $"""
        usage: vireo status NAME [--state-dir DIR]

        Shows one guest: id, state (as 'vireo list'), pid, and its monitor, console
        and log files. Exit 1 when it has no state in DIR.

        {StateDirNote}
        """;

    public const string Pause = $"""
        usage: vireo pause NAME [--state-dir DIR]

        Stops the guest's virtual CPUs (QMP 'stop').

        {StateDirNote}
        """;

    public const string Resume = $"""
        usage: vireo resume NAME [--state-dir DIR]

        Lets a paused guest run again (QMP 'cont').

        {StateDirNote}
        """;

    public const string Shutdown = $"""
        usage: vireo shutdown NAME [--timeout SECONDS] [--state-dir DIR]

        Presses the guest's power button (QMP 'system_powerdown') and waits for the
        guest to power off, then has QEMU quit and removes the guest's state. A guest
        that ignores the button (no ACPI, firmware only) is stopped with 'quit' when
        the time is up.

          --timeout SECONDS  how long to wait for the guest (default 30)
        {StateDirNote}
        """;

    public const string Destroy = $"""
        usage: vireo destroy NAME [--state-dir DIR]

        Stops QEMU at once (QMP 'quit', then SIGKILL if it does not exit) and removes
        the guest's sockets, pid file and state. For a crashed guest, removes its
        stale state. The log and NVRAM stay.

        {StateDirNote}
        """;

    public const string Qmp = $$$"""
        usage: vireo qmp NAME JSON [--state-dir DIR]

        Sends one QMP command, e.g. '{"execute":"query-block"}' or
        '{"execute":"human-monitor-command","arguments":{"command-line":"info pci"}}',
        and prints QEMU's 'return' value as JSON. Exit 1 with QEMU's error class and
        message when QEMU refuses it. '{"execute":"quit"}' stops QEMU and removes the
        guest's state, like 'vireo destroy'.

        {{{StateDirNote}}}
        """;

    public const string Console = $"""
        usage: vireo console NAME [--state-dir DIR]

        Connects the terminal to the guest's first serial port. Start the domain with
        <serial type='pty'/> (Vireo gives it a socket instead of a pty). Leave with
        Ctrl-] ; with standard input not a terminal, input is copied until its end.
        QEMU drops serial output while no console is connected.

        {StateDirNote}
        """;

    public const string Screenshot = $"""
        usage: vireo screenshot NAME OUT.png [--wait SECONDS] [--head N] [--device ID]
                                             [--state-dir DIR]

        Saves the guest's screen as PNG (written atomically) and says whether it shows
        a picture, is blank (one colour), or is QEMU's placeholder ("Guest has not
        initialized the display"). Exit 1 when the guest has no display at all.

          --wait SECONDS     look every 0.5 s until the guest has drawn a picture, for
                             at most this long; then save the last screen either way
          --device ID        the video device (alias, e.g. video1; default: the primary)
          --head N           the head of a multi-head video device (default 0)
        {StateDirNote}
        """;

    public const string AttachDevice = $"""
        usage: vireo attach-device NAME DEVICE.xml [--state-dir DIR] [--emulator PATH]

        Hot-plugs one device, given as its domain XML element: <disk> (virtio, SCSI or
        USB bus), <interface>, <hostdev> (USB, or PCI on a hot-pluggable bus) or
        <input>. Its address is assigned as at start, and the device is recorded in
        the guest's live definition. Refused, with the reason and what to do instead:
        video devices, ramfb, mediated devices with ramfb='on', controllers, and
        devices on a bus that cannot take hot-plug (e.g. pcie.0, or no free
        hot-pluggable slot left).

        {StateDirNote}
        """;

    public const string DetachDevice = $"""
        usage: vireo detach-device NAME DEVICE.xml [--timeout SECONDS] [--state-dir DIR]

        Unplugs the device that DEVICE.xml describes (matched by alias, address, disk
        target, MAC address or host device) and removes its backends. PCI devices go
        only when the guest releases them; without an operating system that can take
        a while or never happen.

          --timeout SECONDS  how long to wait for the guest to release it (default 10)
        {StateDirNote}
        """;

    /// <summary>Help for a guest command, or null when the name is not one.</summary>
    public static string? For(string command) => command switch
    {
        "start" => Start,
        "list" => List,
        "status" => Status,
        "pause" => Pause,
        "resume" => Resume,
        "shutdown" => Shutdown,
        "destroy" => Destroy,
        "qmp" => Qmp,
        "console" => Console,
        "screenshot" => Screenshot,
        "attach-device" => AttachDevice,
        "detach-device" => DetachDevice,
        _ => null,
    };
}
