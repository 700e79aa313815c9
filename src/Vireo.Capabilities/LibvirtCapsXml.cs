using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Xml;

namespace Vireo.Capabilities;

/// <summary>
/// Reads and writes libvirt's QEMU capabilities cache format (the <c>&lt;qemuCaps&gt;</c>
/// documents stored as <c>caps_X.Y.Z.ARCH.xml</c>).
/// </summary>
public static class LibvirtCapsXml
{
    /// <summary>Upper bound on the size of a capabilities document, in characters (64 MiB).</summary>
    public const long MaxDocumentCharacters = 64L * 1024 * 1024;

    /// <summary>Loads a capabilities cache file.</summary>
    /// <exception cref="CapabilitiesException">The file cannot be read or is malformed.</exception>
    public static QemuCapabilities Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = XmlReader.Create(stream, SecureSettings());
            return FromReader(reader, path);
        }
        catch (Exception ex) when (ex is XmlException or IOException or UnauthorizedAccessException)
        {
            throw new CapabilitiesException($"cannot read QEMU capabilities '{path}': {ex.Message}", ex);
        }
    }

    /// <summary>Parses a capabilities document held in a string.</summary>
    /// <exception cref="CapabilitiesException">The text is malformed.</exception>
    public static QemuCapabilities Parse(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, SecureSettings());
            return FromReader(reader, "<string>");
        }
        catch (XmlException ex)
        {
            throw new CapabilitiesException($"cannot parse QEMU capabilities: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Parses a capabilities document read from a stream (an embedded snapshot: parsed in
    /// place, without first copying the whole text into a string).
    /// </summary>
    /// <exception cref="CapabilitiesException">The text is malformed.</exception>
    internal static QemuCapabilities Parse(Stream stream, string source)
    {
        try
        {
            using var reader = XmlReader.Create(stream, SecureSettings());
            return FromReader(reader, source);
        }
        catch (XmlException ex)
        {
            throw new CapabilitiesException($"cannot parse QEMU capabilities: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes capabilities in the cache format: two-space indentation, single-quoted
    /// attributes; emulator, flags (sorted), versions, arch, then per accelerator the
    /// host CPU and CPU models, then machines, GIC, SEV and SGX markers.
    /// </summary>
    public static string Format(QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);

        var sb = new StringBuilder();
        sb.Append("<qemuCaps>\n");
        Element(sb, "emulator", caps.Emulator);
        Element(sb, "qemuctime", "0");
        Element(sb, "selfctime", "0");
        Element(sb, "selfvers", "0");

        var flags = caps.Flags.ToList();
        flags.Sort(StringComparer.Ordinal);
        foreach (var flag in flags)
        {
            sb.Append("  <flag name='").Append(EscapeAttr(flag)).Append("'/>\n");
        }

        Element(sb, "version", caps.Version.ToString(CultureInfo.InvariantCulture));
        Element(sb, "kvmVersion", caps.KvmVersion.ToString(CultureInfo.InvariantCulture));
        Element(sb, "microcodeVersion", caps.MicrocodeVersion.ToString(CultureInfo.InvariantCulture));
        Element(sb, "package", caps.Package);
        Element(sb, "arch", caps.Arch);

        foreach (var accel in new[] { Accelerator.Kvm, Accelerator.Tcg, Accelerator.Hvf })
        {
            if (caps.HostCpus.TryGetValue(accel, out var host))
            {
                WriteHostCpu(sb, accel, host);
            }

            foreach (var cpu in caps.CpuModels)
            {
                if (cpu.Accelerator == accel)
                {
                    WriteCpu(sb, cpu);
                }
            }
        }

        foreach (var machine in caps.Machines)
        {
            WriteMachine(sb, machine);
        }

        foreach (var gic in caps.Gic)
        {
            sb.Append("  <gic version='").Append(gic.Version.ToString(CultureInfo.InvariantCulture))
              .Append("' kernel='").Append(YesNo(gic.Kernel))
              .Append("' emulated='").Append(YesNo(gic.Emulated)).Append("'/>\n");
        }

        if (caps.HasSev)
        {
            sb.Append("  <sev/>\n");
        }

        if (caps.HasSgx)
        {
            sb.Append("  <sgx supported='yes'/>\n");
        }

        sb.Append("</qemuCaps>\n");
        return sb.ToString();
    }

    private static XmlReaderSettings SecureSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxDocumentCharacters,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    // The document is read in one forward pass over the XmlReader (no XDocument): an embedded
    // snapshot is parsed on every command that uses it, so this is on the start-up path.
    private static QemuCapabilities FromReader(XmlReader r, string source)
    {
        if (r.MoveToContent() != XmlNodeType.Element || r.LocalName != "qemuCaps")
        {
            throw new CapabilitiesException($"'{source}': root element is not <qemuCaps>");
        }

        var flags = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
        var cpus = ImmutableArray.CreateBuilder<CpuModel>();
        var machines = ImmutableArray.CreateBuilder<MachineType>();
        var gics = ImmutableArray.CreateBuilder<GicCapability>();
        var hostCpus = ImmutableDictionary.CreateBuilder<Accelerator, HostCpuModel>();
        var caps = new QemuCapabilities();

        for (var more = EnterChildren(r); more && NextChild(r);)
        {
            switch (r.LocalName)
            {
                case "emulator":
                    caps = caps with { Emulator = r.ReadElementContentAsString().Trim() };
                    break;
                case "version":
                    caps = caps with { Version = ParseInt(r.ReadElementContentAsString(), "version", source) };
                    break;
                case "kvmVersion":
                    caps = caps with { KvmVersion = ParseInt(r.ReadElementContentAsString(), "kvmVersion", source) };
                    break;
                case "microcodeVersion":
                    caps = caps with { MicrocodeVersion = ParseLong(r.ReadElementContentAsString(), "microcodeVersion", source) };
                    break;
                case "package":
                    caps = caps with { Package = r.ReadElementContentAsString() };
                    break;
                case "arch":
                    caps = caps with { Arch = r.ReadElementContentAsString().Trim() };
                    break;
                case "flag":
                    flags.Add(RequiredAttr(r, "name", source));
                    r.Skip();
                    break;
                case "cpu":
                    cpus.Add(ReadCpu(r, source));
                    break;
                case "hostCPU":
                    var (accel, host) = ReadHostCpu(r, source);
                    if (!hostCpus.TryAdd(accel, host))
                    {
                        throw new CapabilitiesException($"'{source}': duplicate <hostCPU type='{Accel(accel)}'>");
                    }

                    break;
                case "machine":
                    machines.Add(ReadMachine(r, source));
                    r.Skip();
                    break;
                case "gic":
                    gics.Add(new GicCapability(
                        ParseInt(RequiredAttr(r, "version", source), "gic/@version", source),
                        OptionalYesNo(r, "kernel", source) ?? false,
                        OptionalYesNo(r, "emulated", source) ?? false));
                    r.Skip();
                    break;
                case "sev":
                    caps = ReadSev(r, caps);
                    break;
                case "sgx":
                    caps = caps with { HasSgx = true };
                    r.Skip();
                    break;
                default:
                    // Content this model does not represent (hypervCapabilities, ctimes, ...).
                    r.Skip();
                    break;
            }
        }

        // The rest of the document must still be well-formed.
        while (r.Read())
        {
        }

        return caps with
        {
            Flags = flags.ToImmutable(),
            CpuModels = cpus.ToImmutable(),
            Machines = machines.ToImmutable(),
            Gic = gics.ToImmutable(),
            HostCpus = hostCpus.ToImmutable(),
        };
    }

    /// <summary>On a start tag: steps inside; false (and past the tag) when the element is empty.</summary>
    private static bool EnterChildren(XmlReader r)
    {
        var empty = r.IsEmptyElement;
        r.Read();
        return !empty;
    }

    /// <summary>Moves to the next child element (true) or past the parent's end tag (false).</summary>
    private static bool NextChild(XmlReader r)
    {
        while (true)
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Element:
                    return true;
                case XmlNodeType.EndElement:
                    r.Read();
                    return false;
                case XmlNodeType.None:
                    return false;
                default:
                    r.Read();
                    break;
            }
        }
    }

    private static QemuCapabilities ReadSev(XmlReader r, QemuCapabilities caps)
    {
        caps = caps with { HasSev = true };
        for (var more = EnterChildren(r); more && NextChild(r);)
        {
            switch (r.LocalName)
            {
                case "cbitpos":
                    caps = caps with { SevCbitPos = OptionalCount(r.ReadElementContentAsString()) };
                    break;
                case "reducedPhysBits":
                    caps = caps with { SevReducedPhysBits = OptionalCount(r.ReadElementContentAsString()) };
                    break;
                default:
                    r.Skip();
                    break;
            }
        }

        return caps;
    }

    private static int? OptionalCount(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static CpuModel ReadCpu(XmlReader r, string source)
    {
        var name = RequiredAttr(r, "name", source);
        var accel = ParseAccel(RequiredAttr(r, "type", source), source);
        var typeName = r.GetAttribute("typename");
        var usable = OptionalYesNo(r, "usable", source);
        var deprecated = OptionalYesNo(r, "deprecated", source) ?? false;

        var blockers = ImmutableArray.CreateBuilder<string>();
        for (var more = EnterChildren(r); more && NextChild(r);)
        {
            if (r.LocalName == "blocker")
            {
                blockers.Add(RequiredAttr(r, "name", source));
            }

            r.Skip();
        }

        return new CpuModel
        {
            Name = name,
            Accelerator = accel,
            TypeName = typeName,
            Usable = usable,
            Deprecated = deprecated,
            Blockers = blockers.ToImmutable(),
        };
    }

    private static (Accelerator Accel, HostCpuModel Host) ReadHostCpu(XmlReader r, string source)
    {
        var accel = ParseAccel(RequiredAttr(r, "type", source), source);
        var model = RequiredAttr(r, "model", source);
        var migratability = OptionalYesNo(r, "migratability", source) ?? false;

        var props = ImmutableArray.CreateBuilder<HostCpuProperty>();
        for (var more = EnterChildren(r); more && NextChild(r);)
        {
            if (r.LocalName == "property")
            {
                props.Add(new HostCpuProperty(
                    RequiredAttr(r, "name", source),
                    RequiredAttr(r, "type", source),
                    r.GetAttribute("value") ?? "",
                    OptionalYesNo(r, "migratable", source)));
            }

            r.Skip();
        }

        var host = new HostCpuModel
        {
            Model = model,
            Migratability = migratability,
            Properties = props.ToImmutable(),
        };
        return (accel, host);
    }

    private static MachineType ReadMachine(XmlReader r, string source)
    {
        var maxCpus = r.GetAttribute("maxCpus");
        return new MachineType
        {
            Name = RequiredAttr(r, "name", source),
            Accelerator = ParseAccel(RequiredAttr(r, "type", source), source),
            Alias = r.GetAttribute("alias"),
            HotplugCpus = OptionalYesNo(r, "hotplugCpus", source) ?? false,
            MaxCpus = maxCpus is null ? 0 : ParseInt(maxCpus, "machine/@maxCpus", source),
            IsDefault = OptionalYesNo(r, "default", source) ?? false,
            NumaMemSupported = OptionalYesNo(r, "numaMemSupported", source) ?? false,
            DefaultCpu = r.GetAttribute("defaultCPU"),
            DefaultRamId = r.GetAttribute("defaultRAMid"),
            Deprecated = OptionalYesNo(r, "deprecated", source) ?? false,
            Acpi = OptionalYesNo(r, "acpi", source),
        };
    }

    private static void WriteHostCpu(StringBuilder sb, Accelerator accel, HostCpuModel host)
    {
        sb.Append("  <hostCPU type='").Append(Accel(accel))
          .Append("' model='").Append(EscapeAttr(host.Model))
          .Append("' migratability='").Append(YesNo(host.Migratability)).Append("'>\n");
        foreach (var p in host.Properties)
        {
            sb.Append("    <property name='").Append(EscapeAttr(p.Name))
              .Append("' type='").Append(EscapeAttr(p.Type))
              .Append("' value='").Append(EscapeAttr(p.Value)).Append('\'');
            if (p.Migratable is { } migratable)
            {
                sb.Append(" migratable='").Append(YesNo(migratable)).Append('\'');
            }

            sb.Append("/>\n");
        }

        sb.Append("  </hostCPU>\n");
    }

    private static void WriteCpu(StringBuilder sb, CpuModel cpu)
    {
        sb.Append("  <cpu type='").Append(Accel(cpu.Accelerator))
          .Append("' name='").Append(EscapeAttr(cpu.Name)).Append('\'');
        OptionalAttr(sb, "typename", cpu.TypeName);
        if (cpu.Usable is { } usable)
        {
            sb.Append(" usable='").Append(YesNo(usable)).Append('\'');
        }

        if (cpu.Deprecated)
        {
            sb.Append(" deprecated='yes'");
        }

        if (cpu.Blockers.IsEmpty)
        {
            sb.Append("/>\n");
            return;
        }

        sb.Append(">\n");
        foreach (var blocker in cpu.Blockers)
        {
            sb.Append("    <blocker name='").Append(EscapeAttr(blocker)).Append("'/>\n");
        }

        sb.Append("  </cpu>\n");
    }

    private static void WriteMachine(StringBuilder sb, MachineType m)
    {
        sb.Append("  <machine type='").Append(Accel(m.Accelerator))
          .Append("' name='").Append(EscapeAttr(m.Name)).Append('\'');
        OptionalAttr(sb, "alias", m.Alias);
        if (m.HotplugCpus)
        {
            sb.Append(" hotplugCpus='yes'");
        }

        sb.Append(" maxCpus='").Append(m.MaxCpus.ToString(CultureInfo.InvariantCulture)).Append('\'');
        if (m.IsDefault)
        {
            sb.Append(" default='yes'");
        }

        if (m.NumaMemSupported)
        {
            sb.Append(" numaMemSupported='yes'");
        }

        OptionalAttr(sb, "defaultCPU", m.DefaultCpu);
        OptionalAttr(sb, "defaultRAMid", m.DefaultRamId);
        if (m.Deprecated)
        {
            sb.Append(" deprecated='yes'");
        }

        if (m.Acpi is { } acpi)
        {
            sb.Append(" acpi='").Append(YesNo(acpi)).Append('\'');
        }

        sb.Append("/>\n");
    }

    private static void Element(StringBuilder sb, string name, string value) =>
        sb.Append("  <").Append(name).Append('>').Append(EscapeText(value)).Append("</").Append(name).Append(">\n");

    private static void OptionalAttr(StringBuilder sb, string name, string? value)
    {
        if (value is not null)
        {
            sb.Append(' ').Append(name).Append("='").Append(EscapeAttr(value)).Append('\'');
        }
    }

    private static string EscapeText(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal)
         .Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal);

    private static string EscapeAttr(string s) =>
        EscapeText(s)
         .Replace("'", "&apos;", StringComparison.Ordinal)
         .Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Accel(Accelerator accel) => accel switch
    {
        Accelerator.Kvm => "kvm",
        Accelerator.Tcg => "tcg",
        Accelerator.Hvf => "hvf",
        _ => throw new CapabilitiesException($"unknown accelerator {accel}"),
    };

    private static Accelerator ParseAccel(string value, string source) => value switch
    {
        "kvm" => Accelerator.Kvm,
        "tcg" => Accelerator.Tcg,
        "hvf" => Accelerator.Hvf,
        _ => throw new CapabilitiesException($"'{source}': unknown accelerator type '{value}'"),
    };

    private static string RequiredAttr(XmlReader r, string name, string source) =>
        r.GetAttribute(name)
        ?? throw new CapabilitiesException($"'{source}': missing attribute '{name}' on <{r.LocalName}>");

    private static bool? OptionalYesNo(XmlReader r, string name, string source)
    {
        var value = r.GetAttribute(name);
        return value switch
        {
            null => null,
            "yes" => true,
            "no" => false,
            _ => throw new CapabilitiesException(
                $"'{source}': attribute '{name}' on <{r.LocalName}> must be yes or no, not '{value}'"),
        };
    }

    private static int ParseInt(string text, string what, string source) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CapabilitiesException($"'{source}': invalid {what} '{text}'");

    private static long ParseLong(string text, string what, string source) =>
        long.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new CapabilitiesException($"'{source}': invalid {what} '{text}'");
}
