using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>
/// Resource tuning elements kept as elements but rewritten the way libvirt stores and
/// writes them: &lt;memtune&gt; limits in KiB, &lt;iothreadids&gt; completed up to the
/// &lt;iothreads&gt; count, and &lt;cputune&gt; in libvirt's order with one scheduler entry
/// per vCPU / IOThread.
/// </summary>
public static partial class DomainXmlParser
{
    /// <summary>The most IOThreads a domain may ask for (a Vireo limit; see docs/security.md).</summary>
    private const ulong MaxIoThreads = 65536;

    // Source: libvirt 9.0 domain_conf.c virDomainMemtuneFormat — limit order.
    private static readonly string[] MemtuneOrder = ["hard_limit", "soft_limit", "min_guarantee", "swap_hard_limit"];

    // Source: libvirt 9.0 domain_conf.c virDomainCputuneDefFormat — scalar settings in order.
    private static readonly string[] CputuneScalars =
    [
        "shares", "period", "quota", "global_period", "global_quota", "emulator_period", "emulator_quota",
        "iothread_period", "iothread_quota",
    ];

    private static readonly string[] SchedPolicies = ["batch", "idle", "fifo", "rr"];

    /// <summary>Rewrites the tuning elements among the top-level extras.</summary>
    private static DomainDefinition CanonicalTuning(DomainDefinition def)
    {
        if (def.Extras.IsEmpty)
        {
            // No tuning elements (they are all kept in Extras): nothing to rewrite or check.
            return def;
        }

        var iothreadIds = IoThreadIds(def);
        var extras = def.Extras.Select(e => e.Name.NamespaceName.Length != 0 ? e : e.Name.LocalName switch
        {
            "memtune" => CanonicalMemtune(e),
            "iothreadids" => new XElement("iothreadids", iothreadIds.Select(IoThreadElement(e))),
            "cputune" => CanonicalCputune(e, def.Vcpu.Count, iothreadIds),
            "sysinfo" when Attr(e, "type") == "smbios" => CanonicalSmbios(e),
            _ => e,
        });
        return def with { Extras = [.. extras] };
    }

    private static XElement CanonicalMemtune(XElement memtune)
    {
        var result = new XElement("memtune");
        foreach (var name in MemtuneOrder)
        {
            if (memtune.Element(name) is { } limit)
            {
                var kib = ScaledKiB(limit, limit.Value, Attr(limit, "unit"), "KiB");
                result.Add(new XElement(name, new XAttribute("unit", "KiB"), kib.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }

    /// <summary>
    /// IOThread ids: the listed ones in order, then the lowest free ids until the
    /// &lt;iothreads&gt; count is reached.
    /// </summary>
    private static List<int> IoThreadIds(DomainDefinition def)
    {
        var ids = new List<int>();
        var seen = new HashSet<int>();
        foreach (var t in def.Extra("iothreadids")?.Elements("iothread") ?? [])
        {
            var text = Attr(t, "id") ?? throw Error(t, "Missing 'id' attribute in <iothread> element");
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
            {
                throw Error(t, "invalid iothread 'id' value '" + text + "'");
            }

            if (!seen.Add(id))
            {
                throw Error(t, $"duplicate iothread id '{id}' found");
            }

            ids.Add(id);
        }

        // Vireo's bound (libvirt has none): every later step builds one entry per IOThread.
        if (def.Extra("iothreads") is { } countEl && TryParseULong(countEl.Value.Trim().TrimStart('+'), out var asked) && asked > MaxIoThreads)
        {
            throw Error(countEl, $"iothreads count {asked} is over the limit of {MaxIoThreads}");
        }

        var count = int.TryParse(def.Extra("iothreads")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        for (var next = 1; ids.Count < count; next++)
        {
            if (seen.Add(next))
            {
                ids.Add(next);
            }
        }

        return ids;
    }

    private static Func<int, XElement> IoThreadElement(XElement iothreadids)
    {
        // Index the listed threads once (the first of each id): a scan per id was quadratic,
        // minutes on 100,000 <iothread> entries.
        var listed = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var t in iothreadids.Elements("iothread"))
        {
            if (Attr(t, "id") is { } text)
            {
                listed.TryAdd(text, t);
            }
        }

        return id => listed.TryGetValue(id.ToString(CultureInfo.InvariantCulture), out var t)
            ? new XElement("iothread", t.Attributes())
            : new XElement("iothread", new XAttribute("id", id));
    }

    // Source: libvirt 9.0 src/util/virsysinfo.c virSysinfoFormat — SMBIOS tables and their
    // entries in the order libvirt writes them.
    private static readonly (string Table, string[] Entries)[] SmbiosLayout =
    [
        ("bios", ["vendor", "version", "date", "release"]),
        ("system", ["manufacturer", "product", "version", "serial", "uuid", "sku", "family"]),
        ("baseBoard", ["manufacturer", "product", "version", "serial", "asset", "location"]),
        ("chassis", ["manufacturer", "version", "serial", "asset", "sku"]),
        ("processor", ["socket_destination", "type", "family", "manufacturer", "signature", "version", "external_clock", "max_speed", "status", "serial_number", "part_number"]),
        ("memory_device", ["size", "form_factor", "locator", "bank_locator", "type", "type_detail", "speed", "manufacturer", "serial_number", "part_number"]),
    ];

    private static XElement CanonicalSmbios(XElement sysinfo)
    {
        var result = new XElement("sysinfo", new XAttribute("type", "smbios"));
        foreach (var (table, entries) in SmbiosLayout)
        {
            foreach (var t in sysinfo.Elements(table))
            {
                var el = new XElement(table);
                foreach (var name in entries)
                {
                    if (t.Elements("entry").LastOrDefault(e => Attr(e, "name") == name) is { } entry)
                    {
                        el.Add(new XElement("entry", new XAttribute("name", name), entry.Value));
                    }
                }

                if (el.HasElements)
                {
                    result.Add(el);
                }
            }
        }

        if (sysinfo.Element("oemStrings") is { } oem)
        {
            result.Add(new XElement("oemStrings", oem.Elements("entry").Select(e => new XElement("entry", e.Value))));
        }

        return result;
    }

    private static XElement CanonicalCputune(XElement cputune, int vcpus, List<int> iothreadIds)
    {
        var result = new XElement("cputune");
        foreach (var name in CputuneScalars)
        {
            if (cputune.Element(name) is { } el)
            {
                result.Add(new XElement(name, el.Value.Trim()));
            }
        }

        var vcpupins = new SortedDictionary<int, XElement>();
        foreach (var pin in cputune.Elements("vcpupin"))
        {
            var vcpu = int.TryParse(Attr(pin, "vcpu"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
            if (vcpu < 0 || vcpu >= vcpus)
            {
                throw Error(pin, "vcpu id must be lower than maxvcpus");
            }

            vcpupins[vcpu] = new XElement("vcpupin", new XAttribute("vcpu", vcpu), new XAttribute("cpuset", NodeSet.Canonical(Attr(pin, "cpuset") ?? "")));
        }

        result.Add(vcpupins.Values);
        if (cputune.Element("emulatorpin") is { } emulatorpin)
        {
            result.Add(new XElement("emulatorpin", new XAttribute("cpuset", NodeSet.Canonical(Attr(emulatorpin, "cpuset") ?? ""))));
        }

        var iothreadpins = new Dictionary<int, XElement>();
        foreach (var pin in cputune.Elements("iothreadpin"))
        {
            var id = int.TryParse(Attr(pin, "iothread"), NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : 0;
            iothreadpins[id] = new XElement("iothreadpin", new XAttribute("iothread", id), new XAttribute("cpuset", NodeSet.Canonical(Attr(pin, "cpuset") ?? "")));
        }

        result.Add(iothreadIds.Where(iothreadpins.ContainsKey).Select(id => iothreadpins[id]));
        result.Add(iothreadpins.Where(kv => !iothreadIds.Contains(kv.Key)).Select(kv => kv.Value));

        if (cputune.Element("emulatorsched") is { } emulatorsched)
        {
            result.Add(SchedElement("emulatorsched", null, null, emulatorsched));
        }

        var vcpuSched = Scheduling(cputune, "vcpusched", "vcpus");
        foreach (var id in Enumerable.Range(0, vcpus).Where(vcpuSched.ContainsKey))
        {
            result.Add(SchedElement("vcpusched", "vcpus", id, vcpuSched[id]));
        }

        var threadSched = Scheduling(cputune, "iothreadsched", "iothreads");
        foreach (var id in iothreadIds.Where(threadSched.ContainsKey))
        {
            result.Add(SchedElement("iothreadsched", "iothreads", id, threadSched[id]));
        }

        result.Add(cputune.Elements().Where(e => e.Name.LocalName is "cachetune" or "memorytune").Select(Clean));
        return result;
    }

    /// <summary>Scheduler settings by vCPU/IOThread id; overlapping ranges are refused.</summary>
    private static Dictionary<int, XElement> Scheduling(XElement cputune, string element, string attribute)
    {
        var byId = new Dictionary<int, XElement>();
        foreach (var sched in cputune.Elements(element))
        {
            var ids = NodeSet.TryParse(Attr(sched, attribute)) ?? throw Error(sched, $"Missing attribute '{attribute}' in element '{element}'");
            foreach (var id in ids)
            {
                if (!byId.TryAdd(id, sched))
                {
                    throw Error(sched, $"'{element}' attributes '{attribute}' must not overlap");
                }
            }
        }

        return byId;
    }

    private static XElement SchedElement(string name, string? attribute, int? id, XElement source)
    {
        var policy = Enum(source, "scheduler", SchedPolicies) ?? throw Error(source, $"Missing scheduler attribute in element '{name}'");
        var el = new XElement(name);
        if (attribute is not null)
        {
            el.Add(new XAttribute(attribute, id!.Value));
        }

        el.Add(new XAttribute("scheduler", policy));
        if (policy is "fifo" or "rr")
        {
            var priority = Attr(source, "priority") ?? throw Error(source, $"Missing scheduler priority in element '{name}'");
            el.Add(new XAttribute("priority", priority));
        }

        return el;
    }
}
