using System.Globalization;
using System.Text;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>
/// Prints a <see cref="DomainCapabilitiesModel"/> as libvirt 9.0 prints
/// <c>&lt;domainCapabilities&gt;</c> (src/conf/domain_capabilities.c virDomainCapsFormat):
/// two-space indentation, single-quoted attributes, a trailing newline.
/// </summary>
public static class DomainCapabilitiesFormatter
{
    /// <summary>The XML document, ending with a newline.</summary>
    public static string Format(DomainCapabilitiesModel caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var w = new Writer();
        w.Line("<domainCapabilities>");
        w.Indent++;
        w.Line("<path>" + Escape(caps.Path) + "</path>");
        w.Line("<domain>" + caps.Domain + "</domain>");
        if (caps.Machine is not null)
        {
            w.Line("<machine>" + caps.Machine + "</machine>");
        }

        w.Line("<arch>" + caps.Arch + "</arch>");
        if (caps.MaxVcpus != 0)
        {
            w.Line("<vcpu max='" + caps.MaxVcpus.ToString(CultureInfo.InvariantCulture) + "'/>");
        }

        Simple(w, "iothreads", caps.Iothreads);
        Os(w, caps.Os);
        Cpu(w, caps.Cpu);
        Section(w, "memoryBacking", caps.MemoryBacking);

        w.Line("<devices>");
        w.Indent++;
        var d = caps.Devices;
        Section(w, "disk", d.Disk);
        Section(w, "graphics", d.Graphics);
        Section(w, "video", d.Video);
        Section(w, "hostdev", d.Hostdev);
        Section(w, "rng", d.Rng);
        Section(w, "filesystem", d.Filesystem);
        Section(w, "tpm", d.Tpm);
        Section(w, "redirdev", d.Redirdev);
        Section(w, "channel", d.Channel);
        if (d.Crypto is not null)
        {
            Section(w, "crypto", d.Crypto);
        }

        w.Indent--;
        w.Line("</devices>");

        Features(w, caps.Features);
        w.Indent--;
        w.Line("</domainCapabilities>");
        return w.ToString();
    }

    private static void Os(Writer w, DomainCapsOs os)
    {
        if (!Prologue(w, "os", os.Supported))
        {
            return;
        }

        Enum(w, os.Firmware);
        var loader = os.Loader;
        if (Prologue(w, "loader", loader.Supported))
        {
            foreach (var value in loader.Values)
            {
                w.Line("<value>" + Escape(value) + "</value>");
            }

            foreach (var e in loader.Enums)
            {
                Enum(w, e);
            }

            Epilogue(w, "loader");
        }

        Epilogue(w, "os");
    }

    private static void Cpu(Writer w, DomainCapsCpu cpu)
    {
        w.Line("<cpu>");
        w.Indent++;
        Mode(w, "host-passthrough", cpu.HostPassthrough, cpu.HostPassthroughMigratable);
        Mode(w, "maximum", cpu.Maximum, cpu.MaximumMigratable);

        if (cpu.HostModel is { } host)
        {
            w.Line("<mode name='host-model' supported='yes'>");
            w.Indent++;
            w.Line("<model fallback='" + host.Fallback + "'>" + host.Model + "</model>");
            if (host.Vendor is not null)
            {
                w.Line("<vendor>" + host.Vendor + "</vendor>");
            }

            foreach (var f in host.Features)
            {
                w.Line("<feature policy='" + f.Policy + "' name='" + f.Name + "'/>");
            }

            w.Indent--;
            w.Line("</mode>");
        }
        else
        {
            w.Line("<mode name='host-model' supported='no'/>");
        }

        if (cpu.CustomModels.IsEmpty)
        {
            w.Line("<mode name='custom' supported='no'/>");
        }
        else
        {
            w.Line("<mode name='custom' supported='yes'>");
            w.Indent++;
            foreach (var m in cpu.CustomModels)
            {
                var sb = new StringBuilder("<model usable='").Append(m.Usable).Append('\'');
                if (m.Deprecated)
                {
                    sb.Append(" deprecated='yes'");
                }

                sb.Append(" vendor='").Append(m.Vendor ?? "unknown").Append("'>").Append(m.Name).Append("</model>");
                w.Line(sb.ToString());
            }

            w.Indent--;
            w.Line("</mode>");
        }

        w.Indent--;
        w.Line("</cpu>");
    }

    private static void Mode(Writer w, string name, bool supported, DomainCapsEnum? migratable)
    {
        if (supported && migratable is not null)
        {
            w.Line("<mode name='" + name + "' supported='yes'>");
            w.Indent++;
            Enum(w, migratable);
            w.Indent--;
            w.Line("</mode>");
        }
        else
        {
            w.Line("<mode name='" + name + "' supported='" + YesNo(supported) + "'/>");
        }
    }

    private static void Features(Writer w, DomainCapsFeatures f)
    {
        w.Line("<features>");
        w.Indent++;
        Section(w, "gic", f.Gic);
        foreach (var s in f.Simple)
        {
            Simple(w, s.Name, s.Supported);
        }

        if (f.Sev is { } sev)
        {
            w.Line("<sev supported='yes'>");
            w.Indent++;
            w.Line("<cbitpos>" + Num(sev.CBitPos) + "</cbitpos>");
            w.Line("<reducedPhysBits>" + Num(sev.ReducedPhysBits) + "</reducedPhysBits>");
            w.Line("<maxGuests>" + Num(sev.MaxGuests) + "</maxGuests>");
            w.Line("<maxESGuests>" + Num(sev.MaxEsGuests) + "</maxESGuests>");
            if (sev.Cpu0Id is not null)
            {
                w.Line("<cpu0Id>" + sev.Cpu0Id + "</cpu0Id>");
            }

            w.Indent--;
            w.Line("</sev>");
        }
        else
        {
            w.Line("<sev supported='no'/>");
        }

        if (f.Sgx is { } sgx)
        {
            w.Line("<sgx supported='yes'>");
            w.Indent++;
            w.Line("<flc>" + YesNo(sgx.Flc) + "</flc>");
            w.Line("<sgx1>" + YesNo(sgx.Sgx1) + "</sgx1>");
            w.Line("<sgx2>" + YesNo(sgx.Sgx2) + "</sgx2>");
            w.Line("<section_size unit='KiB'>" + sgx.SectionSizeKiB.ToString(CultureInfo.InvariantCulture) + "</section_size>");
            if (!sgx.Sections.IsEmpty)
            {
                w.Line("<sections>");
                w.Indent++;
                foreach (var s in sgx.Sections)
                {
                    w.Line("<section node='" + Num(s.Node) + "' size='" + s.SizeKiB.ToString(CultureInfo.InvariantCulture) + "' unit='KiB'/>");
                }

                w.Indent--;
                w.Line("</sections>");
            }

            w.Indent--;
            w.Line("</sgx>");
        }
        else
        {
            w.Line("<sgx supported='no'/>");
        }

        if (f.Hyperv is not null)
        {
            Section(w, "hyperv", f.Hyperv);
        }

        w.Indent--;
        w.Line("</features>");
    }

    private static void Section(Writer w, string name, DomainCapsSection section)
    {
        if (!Prologue(w, name, section.Supported))
        {
            return;
        }

        foreach (var e in section.Enums)
        {
            Enum(w, e);
        }

        Epilogue(w, name);
    }

    /// <summary>libvirt's FORMAT_PROLOGUE: nothing when absent, a closed element when unsupported.</summary>
    private static bool Prologue(Writer w, string name, bool? supported)
    {
        if (supported is not { } yes)
        {
            return false;
        }

        w.Line("<" + name + " supported='" + YesNo(yes) + "'" + (yes ? ">" : "/>"));
        if (yes)
        {
            w.Indent++;
        }

        return yes;
    }

    private static void Epilogue(Writer w, string name)
    {
        w.Indent--;
        w.Line("</" + name + ">");
    }

    private static void Enum(Writer w, DomainCapsEnum e)
    {
        if (e.Values.IsEmpty)
        {
            w.Line("<enum name='" + e.Name + "'/>");
            return;
        }

        w.Line("<enum name='" + e.Name + "'>");
        w.Indent++;
        foreach (var v in e.Values)
        {
            w.Line("<value>" + v + "</value>");
        }

        w.Indent--;
        w.Line("</enum>");
    }

    private static void Simple(Writer w, string name, bool? supported)
    {
        if (supported is { } yes)
        {
            w.Line("<" + name + " supported='" + YesNo(yes) + "'/>");
        }
    }

    private static string YesNo(bool value) => value ? "yes" : "no";

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string s) =>
        s.Replace("&", "&amp;", StringComparison.Ordinal)
         .Replace("<", "&lt;", StringComparison.Ordinal)
         .Replace(">", "&gt;", StringComparison.Ordinal)
         .Replace("'", "&apos;", StringComparison.Ordinal)
         .Replace("\"", "&quot;", StringComparison.Ordinal);

    private sealed class Writer
    {
        private readonly StringBuilder _sb = new();

        public int Indent { get; set; }

        public void Line(string text) => _sb.Append(' ', Indent * 2).Append(text).Append('\n');

        public override string ToString() => _sb.ToString();
    }
}
