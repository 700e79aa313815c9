namespace Vireo.Cli;

/// <summary>Usage and version texts.</summary>
internal static class HelpText
{
    public const string Overview = """
        usage: vireo <command> [options]

        Turns libvirt domain XML into QEMU command lines.

        commands:
          xml2argv DOMAIN.xml [--caps CAPS.xml | --emulator PATH] [--format text|json] [--out FILE]
                          print the QEMU command line for a domain
          xml2xml DOMAIN.xml [--caps CAPS.xml | --emulator PATH] [--out FILE]
                          print the normalised domain XML
          conformance --corpus DIR [--suite argv|xml2xml|domaincaps]
                      [--category C] [--report FILE.json] [--in-process]
                          score Vireo against libvirt's test corpus
          domcapabilities [--caps CAPS.xml | --emulator PATH] [--arch A]
                          [--machine M] [--virttype kvm|qemu] [--usable]
                          print what the binary offers a domain (libvirt's domcapabilities)
          probe QEMU-BINARY [--out FILE] [--tcg-only] [--timeout SECONDS]
                          ask a QEMU binary what it can do (libvirt's caps XML)
          fuzz [--seconds N | --inputs N] [--seed S] [--corpus DIR] [--crashes DIR]
                          mutation-fuzz the xml2argv/xml2xml pipeline
          display-check DOMAIN.xml [--caps CAPS.xml | --emulator PATH] [--accel kvm|tcg]
                        [--guest-os linux|windows|other] [--verify] [--format text|json]
                          will the guest show a picture, stage by stage (exit 0/1/2)
          start DOMAIN.xml [--paused]      run a guest under QEMU (detached)
          list | status NAME               guests in the state directory, live or crashed
          pause | resume | destroy NAME    control a running guest
          shutdown NAME [--timeout S]      power the guest off, then quit QEMU
          qmp NAME 'JSON'                  send one raw QMP command
          console NAME                     attach to the guest's serial console
          screenshot NAME OUT.png          save the guest's screen as PNG
          attach-device | detach-device NAME DEVICE.xml
                                           hot-plug or unplug a disk, NIC, USB or PCI device
                          (guest commands take --state-dir DIR; see 'vireo help start')
          help COMMAND    describe a command

        options:
          --help          show this text
          --version       show the version

        Without --caps or --emulator, xml2argv, xml2xml and domcapabilities use the
        capabilities Vireo carries for the guest arch (QEMU 7.2 for x86_64 and
        aarch64, probed from Debian 12's binaries); no QEMU needs to be installed.
        """;

    public const string Xml2Argv = """
        usage: vireo xml2argv DOMAIN.xml [--caps CAPS.xml | --emulator PATH]
                                         [--probe-timeout SECONDS] [--format text|json]
                                         [--out FILE]

        Parses DOMAIN.xml, fills defaults and validates it against the capabilities of
        a QEMU binary, then prints the QEMU command line.

          --caps CAPS.xml    the binary as described by a libvirt caps_X.Y.Z.ARCH.xml file
          --emulator PATH    probe this binary (a path or a name on PATH) over QMP; the
                             answer is cached per binary (path, modification time, size)
                             in $XDG_CACHE_HOME/vireo/capabilities (~/.cache/vireo/...)
          (neither)          the snapshot Vireo carries for the domain's arch
                             (os/type/@arch, x86_64 when absent): QEMU 7.2 for x86_64
                             and aarch64; other arches need --caps or --emulator
          --probe-timeout S  give up probing after S seconds (default 60; --emulator only)
          --format text      libvirt's .args layout: env, emulator, one option per line (default)
          --format json      {"env": {...}, "argv": [emulator, args...]}
          --out FILE         write the command line to FILE (atomically, only on success)

        The host is x86_64 Linux; the domain gets id 1 and its private directory
        under /var/lib/libvirt/qemu. Exit 1 when the domain is refused or the
        binary cannot be probed.
        """;

    public const string Xml2Xml = """
        usage: vireo xml2xml DOMAIN.xml [--caps CAPS.xml | --emulator PATH]
                                        [--probe-timeout SECONDS] [--out FILE]

        Parses DOMAIN.xml, fills defaults and validates it against the capabilities of
        a QEMU binary, then prints the normalised (inactive) domain XML.

          --caps CAPS.xml    the binary as described by a libvirt caps_X.Y.Z.ARCH.xml file
          --emulator PATH    probe this binary over QMP (cached, as for xml2argv)
          (neither)          the snapshot Vireo carries for the domain's arch
          --probe-timeout S  give up probing after S seconds (default 60; --emulator only)
          --out FILE         write the XML to FILE (atomically, only on success)
        """;

    public const string Conformance = """
        usage: vireo conformance --corpus DIR [--suite argv|xml2xml|domaincaps]
                                 [--category C] [--report FILE.json] [--in-process]

        Runs the libvirt 9.0 conformance corpus in DIR (argv.tsv, xml2xml.tsv,
        domaincaps.tsv, tests/) and prints one line per suite,
        'SUITE: N passed, M failed', then a per-category table.

          --corpus DIR        corpus directory (required)
          --suite S           run only this suite (default: all three)
          --category C        run only cases of this category
          --report FILE.json  write every case's outcome as JSON
          --in-process        run cases in this process (by default they run in a
                              worker process, so a case that crashes it, e.g. by
                              a stack overflow, is recorded as an error)

        Exits 0 when the run completed, whatever the score.
        """;

    public const string DomCapabilities = """
        usage: vireo domcapabilities [--caps CAPS.xml | --emulator PATH] [--arch A]
                                     [--machine M] [--virttype kvm|qemu] [--usable]
                                     [--probe-timeout SECONDS]

        Prints <domainCapabilities> as libvirt 9.0 does: what the QEMU binary offers a
        domain of one arch, machine type and virt type (CPU modes, devices, features).

          --caps CAPS.xml    the binary as described by a libvirt caps_X.Y.Z.ARCH.xml file;
                             the host is taken to be the one the file was recorded on
          --emulator PATH    probe the binary over QMP instead (cached, as for xml2argv)
          (neither)          the snapshot Vireo carries for --arch (default x86_64)
          --arch A           guest arch (default: the binary's)
          --machine M        machine type or alias (default: the binary's preferred one)
          --virttype T       kvm or qemu (default: kvm when the binary has it)
          --usable           beyond libvirt: list only the video models that can show a
                             picture for this arch, machine and accelerator (see
                             docs/domaincaps.md)
          --probe-timeout S  give up probing after S seconds (default 60; --emulator only)

        Firmware descriptors, swtpm, VFIO and SEV facts come from this host.
        Exit 1 when libvirt would refuse the request (unknown machine, accelerator).
        """;

    public const string Probe = """
        usage: vireo probe QEMU-BINARY [--out FILE] [--tcg-only] [--timeout SECONDS]

        Starts QEMU-BINARY (paused, no devices, no display), asks it over QMP what it
        can do, the way libvirt probes a binary, and prints the capabilities in
        libvirt's cache format (caps_X.Y.Z.ARCH.xml), usable as --caps elsewhere.
        Where /dev/kvm is usable, KVM and TCG are probed concurrently.

          --out FILE         write FILE (atomically: temporary file, then rename)
                             instead of printing
          --tcg-only         probe TCG only, even where KVM is usable
          --timeout SECONDS  give up after this long (default 60)
          --timings          print when each step finished (QEMU start, monitor
                             ready, query rounds, shutdown, deriving) to stderr

        Every QEMU started is stopped and its private socket directory removed.
        Exit 1 when the binary cannot be probed.
        """;

    /// <summary>Help for a command name, or null when unknown.</summary>
    public static string? For(string command) => command switch
    {
        "xml2argv" => Xml2Argv,
        "xml2xml" => Xml2Xml,
        "conformance" => Conformance,
        "domcapabilities" => DomCapabilities,
        "probe" => Probe,
        "display-check" => DisplayCheckCommand.Help,
        "fuzz" => FuzzCommand.Help,
        "help" => Overview,
        _ => GuestHelpText.For(command),
    };

    /// <summary>
    /// <c>vireo X.Y.Z</c>: a constant, so <c>vireo --version</c> does no work at all (no reflection
    /// over assembly attributes). PublishConfigTests checks it against the csproj's Version.
    /// </summary>
    public const string VersionLine = "vireo 0.1.0";
}
