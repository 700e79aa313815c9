using System.Reflection;

namespace Vireo.Cli;

/// <summary>Usage and version texts.</summary>
internal static class HelpText
{
    public const string Overview = """
        usage: vireo <command> [options]

        Turns libvirt domain XML into QEMU command lines.

        commands:
          xml2argv DOMAIN.xml --caps CAPS.xml [--format text|json]
                          print the QEMU command line for a domain
          xml2xml DOMAIN.xml --caps CAPS.xml
                          print the normalised domain XML
          conformance --corpus DIR [--suite argv|xml2xml|domaincaps]
                      [--category C] [--report FILE.json] [--in-process]
                          score Vireo against libvirt's test corpus
          domcapabilities [--caps CAPS.xml | --emulator PATH] [--arch A]
                          [--machine M] [--virttype kvm|qemu] [--usable]
                          print what the binary offers a domain (libvirt's domcapabilities)
          probe QEMU-BINARY [--out FILE] [--tcg-only] [--timeout SECONDS]
                          ask a QEMU binary what it can do (libvirt's caps XML)
          help COMMAND    describe a command

        options:
          --help          show this text
          --version       show the version
        """;

    public const string Xml2Argv = """
        usage: vireo xml2argv DOMAIN.xml --caps CAPS.xml [--format text|json]

        Parses DOMAIN.xml, fills defaults and validates it against the QEMU
        capabilities in CAPS.xml (a libvirt caps_X.Y.Z.ARCH.xml cache file), then
        prints the QEMU command line.

          --caps CAPS.xml    capabilities of the QEMU binary (required)
          --format text      libvirt's .args layout: env, emulator, one option per line (default)
          --format json      {"env": {...}, "argv": [emulator, args...]}

        The host is x86_64 Linux; the domain gets id 1 and its private directory
        under /var/lib/libvirt/qemu. Exit 1 when the domain is refused.
        """;

    public const string Xml2Xml = """
        usage: vireo xml2xml DOMAIN.xml --caps CAPS.xml

        Parses DOMAIN.xml, fills defaults and validates it against the QEMU
        capabilities in CAPS.xml, then prints the normalised (inactive) domain XML.

          --caps CAPS.xml    capabilities of the QEMU binary (required)
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

        Prints <domainCapabilities> as libvirt 9.0 does: what the QEMU binary offers a
        domain of one arch, machine type and virt type (CPU modes, devices, features).

          --caps CAPS.xml    the binary as described by a libvirt caps_X.Y.Z.ARCH.xml file;
                             the host is taken to be the one the file was recorded on
          --emulator PATH    probe the binary over QMP instead
          --arch A           guest arch (default: the binary's)
          --machine M        machine type or alias (default: the binary's preferred one)
          --virttype T       kvm or qemu (default: kvm when the binary has it)
          --usable           beyond libvirt: list only the video models that can show a
                             picture for this arch, machine and accelerator (see
                             docs/domaincaps.md)

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
        "help" => Overview,
        _ => null,
    };

    /// <summary><c>vireo X.Y.Z</c>, from the assembly's informational version (build metadata dropped).</summary>
    public static string Version()
    {
        var asm = typeof(HelpText).Assembly;
        var v = asm.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? asm.GetName().Version?.ToString()
            ?? "0.0.0";
        var plus = v.IndexOf('+', StringComparison.Ordinal);
        return "vireo " + (plus < 0 ? v : v[..plus]);
    }
}
