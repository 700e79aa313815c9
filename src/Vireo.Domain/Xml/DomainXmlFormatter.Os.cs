using System.Xml.Linq;
using Vireo.Domain.Cpu;
using Vireo.Domain.Os;

namespace Vireo.Domain.Xml;

/// <summary>&lt;os&gt; and &lt;cpu&gt; formatting.</summary>
public static partial class DomainXmlFormatter
{
    private static XElement FormatOs(OsConfig os)
    {
        var el = new XElement("os", A("firmware", os.Firmware));
        el.Add(new XElement("type", A("arch", os.Arch), A("machine", os.Machine), os.Type));
        el.Add(os.FirmwareFeatures);
        if (os.Loader is { } l)
        {
            el.Add(new XElement(
                "loader",
                A("readonly", l.ReadOnly),
                A("secure", l.Secure),
                A("type", l.Type),
                A("stateless", l.Stateless),
                A("format", l.Format),
                l.Path));
        }

        if (os.Nvram is { } n)
        {
            var nv = new XElement("nvram", A("template", n.Template), A("format", n.Format), A("type", n.Type));
            if (n.Source is not null)
            {
                nv.Add(n.Source);
            }
            else if (n.Path is not null)
            {
                nv.Add(n.Path);
            }

            el.Add(nv);
        }

        el.Add(os.Kernel is null ? null : new XElement("kernel", os.Kernel));
        el.Add(os.Initrd is null ? null : new XElement("initrd", os.Initrd));
        el.Add(os.Cmdline is null ? null : new XElement("cmdline", os.Cmdline));
        el.Add(os.Dtb is null ? null : new XElement("dtb", os.Dtb));
        el.Add(os.Extras);
        foreach (var b in os.BootDevices)
        {
            el.Add(new XElement("boot", new XAttribute("dev", b)));
        }

        if (os.BootMenuEnable is not null || os.BootMenuTimeout is not null)
        {
            el.Add(new XElement("bootmenu", A("enable", os.BootMenuEnable), A("timeout", os.BootMenuTimeout)));
        }

        if (os.BiosUseSerial is not null || os.BiosRebootTimeout is not null)
        {
            el.Add(new XElement("bios", A("useserial", os.BiosUseSerial), A("rebootTimeout", os.BiosRebootTimeout)));
        }

        el.Add(os.SmbiosMode is null ? null : new XElement("smbios", new XAttribute("mode", os.SmbiosMode)));

        return el;
    }

    /// <summary>
    /// &lt;cpu&gt; as libvirt writes it (cpu_conf.c virCPUDefFormatBuf): mode/match/check only
    /// when the CPU is more than a topology, the model's fallback only with a model name, and
    /// nothing at all when nothing is set.
    /// </summary>
    private static XElement? FormatCpu(CpuConfig cpu)
    {
        var mode = cpu.Mode ?? "custom";
        var el = new XElement("cpu");
        if (mode != "custom" || cpu.Model is not null)
        {
            el.Add(
                new XAttribute("mode", mode),
                A("match", mode == "custom" ? cpu.Match ?? "exact" : null),
                A("check", cpu.Check),
                A("migratable", mode is "host-passthrough" or "maximum" ? cpu.Migratable : null));
        }

        if (mode is "custom" or "host-model" && (cpu.Model is not null || cpu.ModelVendorId is not null))
        {
            el.Add(new XElement(
                "model",
                A("fallback", cpu.Model is null ? null : cpu.ModelFallback ?? "allow"),
                A("vendor_id", cpu.ModelVendorId),
                cpu.Model));
        }

        el.Add(cpu.Vendor is null ? null : new XElement("vendor", cpu.Vendor));
        if (cpu.Topology is { } t)
        {
            el.Add(new XElement(
                "topology",
                new XAttribute("sockets", t.Sockets),
                new XAttribute("dies", t.Dies),
                new XAttribute("cores", t.Cores),
                new XAttribute("threads", t.Threads)));
        }

        el.Add(cpu.Extras.Where(e => e.Name.LocalName == "cache"));
        el.Add(cpu.Extras.Where(e => e.Name.LocalName == "maxphysaddr"));
        foreach (var f in cpu.Features)
        {
            el.Add(new XElement("feature", new XAttribute("policy", f.Policy), new XAttribute("name", f.Name)));
        }

        el.Add(cpu.Numa);
        el.Add(cpu.Extras.Where(e => e.Name.LocalName is not ("cache" or "maxphysaddr")));
        return el.HasAttributes || el.HasElements ? el : null;
    }
}
