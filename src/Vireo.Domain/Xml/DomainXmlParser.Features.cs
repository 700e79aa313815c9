using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>
/// &lt;features&gt;: each feature is read and rewritten in libvirt's canonical form
/// (explicit <c>state</c>, units, child order), and the list is put in libvirt's order.
/// The engine reads the canonical elements.
/// </summary>
public static partial class DomainXmlParser
{
    // Source: libvirt 9.0 src/conf/domain_conf.c, VIR_ENUM_IMPL(virDomainFeature) — the order
    // features are written in.
    private static readonly string[] FeatureOrder =
    [
        "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock", "capabilities",
        "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm", "nested-hv", "msrs",
        "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown", "ps2",
    ];

    // Source: libvirt 9.0 VIR_ENUM_IMPL(virDomainHyperv) — Hyper-V enlightenment order.
    private static readonly string[] HypervOrder =
    [
        "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset", "vendor_id",
        "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic",
    ];

    // Source: libvirt 9.0 VIR_ENUM_IMPL(virDomainKVM).
    private static readonly string[] KvmOrder = ["hidden", "hint-dedicated", "poll-control", "pv-ipi", "dirty-ring"];

    // Features that are plain booleans: presence means on.
    private static readonly string[] PresenceFeatures = ["acpi", "pae", "viridian", "privnet"];

    // Features with an on/off state attribute that defaults to on.
    private static readonly string[] StateFeatures = ["hap", "pmu", "pvspinlock", "vmport", "htm", "nested-hv", "ccf-assist", "vmcoreinfo", "ps2"];

    private static ImmutableArray<XElement> ParseFeatures(XElement features)
    {
        var list = new List<(int Rank, int Seq, XElement El)>();
        var seq = 0;
        foreach (var child in features.Elements())
        {
            var name = child.Name.LocalName;
            var canonical = CanonicalFeature(child);
            var rank = Array.IndexOf(FeatureOrder, name);
            list.Add((rank < 0 ? FeatureOrder.Length : rank, seq++, canonical));
        }

        return [.. list.OrderBy(t => t.Rank).ThenBy(t => t.Seq).Select(t => t.El)];
    }

    private static XElement CanonicalFeature(XElement f)
    {
        var name = f.Name.LocalName;
        if (Array.IndexOf(PresenceFeatures, name) >= 0)
        {
            return new XElement(name);
        }

        if (Array.IndexOf(StateFeatures, name) >= 0)
        {
            return new XElement(name, new XAttribute("state", OnOff(f, "state") ?? "on"));
        }

        return name switch
        {
            "apic" => new XElement("apic", OptAttr("eoi", OnOff(f, "eoi"))),
            "smm" => CanonicalSmm(f),
            "hyperv" => CanonicalHyperv(f),
            "kvm" => CanonicalKvm(f),
            "gic" => new XElement("gic", OptAttr("version", Enum(f, "version", ["2", "3", "host"]))),
            "ioapic" => new XElement("ioapic", OptAttr("driver", Enum(f, "driver", ["kvm", "qemu"]))),
            "hpt" => CanonicalHpt(f),
            "cfpc" => new XElement("cfpc", OptAttr("value", Enum(f, "value", ["broken", "workaround", "fixed"]))),
            "sbbc" => new XElement("sbbc", OptAttr("value", Enum(f, "value", ["broken", "workaround", "fixed"]))),
            "ibs" => new XElement("ibs", OptAttr("value", Enum(f, "value", ["broken", "workaround", "fixed-ibs", "fixed-ccd", "fixed-na"]))),
            "msrs" => new XElement("msrs", OptAttr("unknown", Enum(f, "unknown", ["ignore", "fault"]))),
            "tcg" => CanonicalTcg(f),
            _ => Clean(f),
        };
    }

    private static XAttribute? OptAttr(string name, string? value) => value is null ? null : new XAttribute(name, value);

    private static XElement CanonicalSmm(XElement f)
    {
        var state = OnOff(f, "state") ?? "on";
        var el = new XElement("smm", new XAttribute("state", state));
        if (state == "on" && f.Element("tseg") is { } tseg)
        {
            // The TSEG size defaults to MiB; libvirt writes it in the largest unit that divides it.
            var kib = ScaledKiB(tseg, tseg.Value, Attr(tseg, "unit"), "MiB");
            var (value, unit) = PrettyKiB(kib);
            el.Add(new XElement("tseg", new XAttribute("unit", unit), value.ToString(CultureInfo.InvariantCulture)));
        }

        return el;
    }

    /// <summary>A KiB amount in the largest binary unit that divides it exactly (libvirt's virFormatIntPretty).</summary>
    internal static (ulong Value, string Unit) PrettyKiB(ulong kib)
    {
        if (kib == 0)
        {
            return (0, "B");
        }

        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        var v = kib;
        var i = 0;
        while (i < units.Length - 1 && v % 1024 == 0)
        {
            v /= 1024;
            i++;
        }

        return (v, units[i]);
    }

    private static XElement CanonicalHyperv(XElement f)
    {
        var mode = Enum(f, "mode", ["custom", "passthrough"]) ?? "custom";
        var el = new XElement("hyperv", new XAttribute("mode", mode));
        var children = new List<(int Rank, XElement El)>();
        foreach (var c in f.Elements())
        {
            var name = c.Name.LocalName;
            var rank = Array.IndexOf(HypervOrder, name);
            if (rank < 0)
            {
                throw Error(c, $"unsupported HyperV Enlightenment feature: {name}");
            }

            var state = OnOff(c, "state") ?? throw Error(c, $"missing 'state' attribute for HyperV Enlightenment feature '{name}'");
            var canon = new XElement(name, new XAttribute("state", state));
            switch (name)
            {
                case "spinlocks" when state == "on":
                    var retries = Attr(c, "retries") ?? throw Error(c, "missing HyperV spinlock retry count");
                    if (!TryParseULong(retries, out var r))
                    {
                        throw Error(c, "Invalid HyperV spinlock retry count");
                    }

                    if (r < 0xFFF)
                    {
                        throw Error(c, "HyperV spinlock retry count must be at least 4095");
                    }

                    canon.Add(new XAttribute("retries", r.ToString(CultureInfo.InvariantCulture)));
                    break;
                case "vendor_id" when state == "on":
                    var value = Attr(c, "value") ?? throw Error(c, "missing 'value' attribute for HyperV feature 'vendor_id'");
                    if (value.Length > 12)
                    {
                        throw Error(c, $"HyperV vendor_id value must not be more than 12 characters.");
                    }

                    canon.Add(new XAttribute("value", value));
                    break;
                case "stimer" when state == "on":
                    if (c.Element("direct") is { } direct)
                    {
                        var ds = OnOff(direct, "state") ?? throw Error(direct, "missing 'state' attribute for HyperV Enlightenment feature 'direct'");
                        canon.Add(new XElement("direct", new XAttribute("state", ds)));
                    }

                    break;
                default:
                    break;
            }

            children.RemoveAll(t => t.Rank == rank);
            children.Add((rank, canon));
        }

        el.Add(children.OrderBy(t => t.Rank).Select(t => t.El));
        if (!el.HasElements)
        {
            // libvirt writes an open/close pair even when no enlightenment is listed.
            el.Add(new XText("\n    "));
        }

        return el;
    }

    private static XElement CanonicalKvm(XElement f)
    {
        var el = new XElement("kvm");
        var children = new List<(int Rank, XElement El)>();
        foreach (var c in f.Elements())
        {
            var name = c.Name.LocalName;
            var rank = Array.IndexOf(KvmOrder, name);
            if (rank < 0)
            {
                throw Error(c, $"unsupported KVM feature: {name}");
            }

            var state = OnOff(c, "state") ?? throw Error(c, $"missing 'state' attribute for KVM feature '{name}'");
            var canon = new XElement(name, new XAttribute("state", state));
            if (name == "dirty-ring" && state == "on")
            {
                var size = Attr(c, "size");
                if (size is not null)
                {
                    if (!TryParseULong(size, out var s) || s < 1024 || s > 65536 || (s & (s - 1)) != 0)
                    {
                        throw Error(c, "dirty ring must be power of 2 and ranges [1024, 65536]");
                    }

                    canon.Add(new XAttribute("size", s.ToString(CultureInfo.InvariantCulture)));
                }
            }

            children.RemoveAll(t => t.Rank == rank);
            children.Add((rank, canon));
        }

        el.Add(children.OrderBy(t => t.Rank).Select(t => t.El));
        return el;
    }

    private static XElement CanonicalHpt(XElement f)
    {
        var el = new XElement("hpt", OptAttr("resizing", Enum(f, "resizing", ["enabled", "disabled", "required"])));
        if (f.Element("maxpagesize") is { } mps)
        {
            var kib = ScaledKiB(mps, mps.Value, Attr(mps, "unit"), "KiB");
            el.Add(new XElement("maxpagesize", new XAttribute("unit", "KiB"), kib.ToString(CultureInfo.InvariantCulture)));
        }

        return el;
    }

    private static XElement CanonicalTcg(XElement f)
    {
        var el = new XElement("tcg");
        if (f.Element("tb-cache") is { } tb)
        {
            var kib = ScaledKiB(tb, tb.Value, Attr(tb, "unit"), "MiB");
            el.Add(new XElement("tb-cache", new XAttribute("unit", "KiB"), kib.ToString(CultureInfo.InvariantCulture)));
        }

        return el;
    }
}
