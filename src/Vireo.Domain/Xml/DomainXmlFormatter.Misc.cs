using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Xml;

/// <summary>Formatting of smartcards, TPMs, RNGs, watchdogs, panic notifiers, shared memory and vsock.</summary>
public static partial class DomainXmlFormatter
{
    private static XElement FormatSmartcard(SmartcardDevice s)
    {
        var el = new XElement("smartcard", new XAttribute("mode", s.Mode), A("type", s.Mode == "passthrough" ? s.SourceType : null));
        foreach (var c in s.Certificates)
        {
            el.Add(new XElement("certificate", c));
        }

        el.Add(s.Database is null ? null : new XElement("database", s.Database));
        el.Add(s.Sources);
        if (s.Mode == "passthrough" && (s.Protocol is not null || s.SourceType == "tcp"))
        {
            el.Add(new XElement("protocol", new XAttribute("type", s.Protocol ?? "raw")));
        }

        return el;
    }

    private static XElement FormatTpm(TpmDevice t)
    {
        var src = t.Backend;
        var backend = new XElement("backend", new XAttribute("type", t.BackendType));
        if (t.BackendType == "emulator")
        {
            backend.Add(A("version", t.Version));
        }

        if (src is not null)
        {
            backend.Add(src.Attributes().Where(a => a.Name.LocalName is not ("type" or "version")));
            backend.Add(src.Elements());
        }

        if (t.BackendType == "passthrough" && backend.Element("device") is null)
        {
            backend.Add(new XElement("device", new XAttribute("path", "/dev/tpm0")));
        }

        return new XElement("tpm", A("model", t.Model), backend);
    }

    private static XElement FormatShmem(ShmemDevice s)
    {
        var el = new XElement("shmem", new XAttribute("name", s.Name), A("role", s.Role));
        el.Add(new XElement("model", new XAttribute("type", s.Model)));
        if (s.Size is { } size and > 0)
        {
            el.Add(new XElement("size", new XAttribute("unit", "M"), (size >> 20).ToString(CultureInfo.InvariantCulture)));
        }

        el.Add(s.Server ? new XElement("server", A("path", s.ServerPath)) : null);
        el.Add(s.Msi ? new XElement("msi", A("vectors", s.MsiVectors), A("ioeventfd", s.MsiIoeventfd)) : null);
        return el;
    }

    private static XElement FormatVsock(VsockDevice v, DomainFormatOptions options)
    {
        var el = new XElement("vsock", A("model", v.Model));
        var address = v.CidAuto == "yes" && options.Inactive ? null : v.CidAddress;
        if (v.CidAuto is not null || address is not null)
        {
            el.Add(new XElement("cid", A("auto", v.CidAuto), A("address", address)));
        }

        return el;
    }

    /// <summary>USB redirection filter rules; a -1 (any) value is left out.</summary>
    private static XElement FormatRedirFilter(GenericDevice filter)
    {
        var el = new XElement(filter.Element.Name);
        foreach (var rule in filter.Element.Elements())
        {
            el.Add(new XElement(rule.Name, rule.Attributes().Where(a => a.Value != "-1"), rule.Nodes()));
        }

        return el;
    }
}
