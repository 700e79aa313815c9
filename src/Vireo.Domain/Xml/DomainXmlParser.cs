using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Domain.Cpu;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Os;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Reads libvirt domain XML into a <see cref="DomainDefinition"/>.</summary>
public static partial class DomainXmlParser
{
    // Top-level children this parser models; everything else is kept verbatim in Extras.
    private static readonly string[] ModelledTopLevel =
    [
        "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory", "currentMemory",
        "memoryBacking", "vcpu", "os", "features", "cpu", "clock", "on_poweroff", "on_reboot",
        "on_crash", "on_lockfailure", "pm", "devices",
    ];

    private static readonly string[] VirtTypes = ["qemu", "kqemu", "kvm", "xen", "lxc", "uml", "openvz", "test", "vmware", "hyperv", "vbox", "phyp", "parallels", "bhyve", "vz", "hvf"];

    private static readonly string[] LifecycleActions = ["destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart"];

    /// <summary>Parses domain XML text. Throws <see cref="DomainXmlException"/> on bad input.</summary>
    public static DomainDefinition Parse(string xml, DomainParseOptions? options = null)
    {
        options ??= DomainParseOptions.Default;
        var doc = SecureXml.Parse(xml, options.MaxBytes, options.MaxDepth);
        var root = doc.Root ?? throw new DomainXmlException("empty document");
        if (root.Name.LocalName != "domain" || root.Name.NamespaceName.Length != 0)
        {
            throw Error(root, $"expected root element 'domain', found '{root.Name.LocalName}'");
        }

        return ParseDomain(root, options);
    }

    /// <summary>Reads and parses a domain XML file, refusing files larger than the size bound.</summary>
    public static DomainDefinition ParseFile(string path, DomainParseOptions? options = null)
    {
        options ??= DomainParseOptions.Default;
        return Parse(SecureXml.ReadFileText(path, options.MaxBytes), options);
    }

    private static DomainDefinition ParseDomain(XElement root, DomainParseOptions options)
    {
        var virtType = Attr(root, "type") ?? throw Error(root, "missing domain type attribute");
        if (Array.IndexOf(VirtTypes, virtType) < 0)
        {
            throw Error(root, $"invalid domain type '{virtType}'");
        }

        var nameEl = root.Element("name");
        var name = Text(nameEl);
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainXmlException("missing name in domain configuration", "/domain/name", SecureXml.LineOf(root));
        }

        if (name.Contains('/', StringComparison.Ordinal))
        {
            throw Error(nameEl!, $"name {name} cannot contain '/'");
        }

        int? id = null;
        if (!options.Inactive && Attr(root, "id") is { } idText && TryParseLong(idText, out var idv))
        {
            id = (int)idv;
        }

        var memEl = root.Element("memory");
        ulong memory = 0;
        if (memEl is not null)
        {
            memory = ScaledKiB(memEl, memEl.Value, Attr(memEl, "unit"), "KiB");
        }

        var curEl = root.Element("currentMemory");
        var current = curEl is null ? 0 : ScaledKiB(curEl, curEl.Value, Attr(curEl, "unit"), "KiB");

        ulong? maxMem = null;
        int? slots = null;
        if (root.Element("maxMemory") is { } maxEl)
        {
            maxMem = ScaledKiB(maxEl, maxEl.Value, Attr(maxEl, "unit"), "KiB");
            slots = UInt(maxEl, "slots");
        }

        var features = root.Element("features");
        var devices = root.Element("devices");

        var def = new DomainDefinition
        {
            VirtType = virtType,
            Id = id,
            Name = name,
            Uuid = ParseUuid(root.Element("uuid")) ?? NewUuid(options),
            GenId = root.Element("genid") is { } genid
                ? (string.IsNullOrWhiteSpace(genid.Value) ? NewUuid(options) : ParseUuid(genid))
                : null,
            Title = Text(root.Element("title")),
            Description = root.Element("description")?.Value,
            Metadata = root.Element("metadata") is { } md ? SanitizeMetadata(Clean(md)) : null,
            MaxMemoryKiB = maxMem,
            MaxMemorySlots = slots,
            MemoryKiB = memory,
            MemoryDumpCore = memEl is null ? null : OnOff(memEl, "dumpCore"),
            CurrentMemoryKiB = current,
            MemoryBacking = root.Element("memoryBacking") is { } mb ? CanonicalMemoryBacking(mb) : null,
            Vcpu = ParseVcpu(root.Element("vcpu")),
            Os = ParseOs(root.Element("os"), options),
            Features = features is null ? [] : ParseFeatures(features),
            HasFeaturesElement = features is not null,
            Cpu = root.Element("cpu") is { } cpu ? ParseCpu(cpu) : null,
            Clock = ParseClock(root.Element("clock")),
            OnPoweroff = Lifecycle(root, "on_poweroff"),
            OnReboot = Lifecycle(root, "on_reboot"),
            OnCrash = Lifecycle(root, "on_crash"),
            OnLockFailure = Text(root.Element("on_lockfailure")),
            Pm = root.Element("pm") is { } pm ? CanonicalPm(pm) : null,
            Emulator = Text(devices?.Element("emulator")),
            Devices = devices is null ? [] : ParseDevices(devices, options),
            DeviceExtras = devices is null ? [] : UnknownDeviceElements(devices),
            Extras = CanonicalExtras(Others(root, ModelledTopLevel), options),
        };

        def = ApplyNumatune(CanonicalTuning(def), root);
        return options.AbiUpdate ? ApplyAbiUpdate(def) : def;
    }

    /// <summary>Top-level elements kept as elements, in libvirt's canonical form.</summary>
    private static ImmutableArray<XElement> CanonicalExtras(ImmutableArray<XElement> extras, DomainParseOptions options)
    {
        if (extras.IsEmpty)
        {
            return extras;
        }

        var plain = extras.Where(e => e.Name.Namespace != QemuNamespace).ToList();
        var seclabels = plain.Where(e => e.Name.LocalName == "seclabel" && e.Name.NamespaceName.Length == 0).ToList();
        if (seclabels.Count == 1 && seclabels[0].Attribute("model") is null)
        {
            var canonical = DefaultSeclabelModel(seclabels[0], options);
            plain[plain.IndexOf(seclabels[0])] = canonical;
        }

        return [.. plain, .. CanonicalQemuNamespace(extras.Where(e => e.Name.Namespace == QemuNamespace))];
    }

    /// <summary>
    /// A lone &lt;seclabel&gt; without a model takes the host's security model; under the
    /// 'none' model an inactive definition's label becomes type 'none' (libvirt
    /// virSecurityLabelDefsParseXML).
    /// </summary>
    private static XElement DefaultSeclabelModel(XElement seclabel, DomainParseOptions options)
    {
        var type = Attr(seclabel, "type") ?? "dynamic";
        if (!(type == "none" || (type == "dynamic" && seclabel.Element("baselabel") is null && options.Inactive)))
        {
            return seclabel;
        }

        var model = options.HostSecurityModel;
        if (model == "none" && options.Inactive)
        {
            return new XElement("seclabel", new XAttribute("type", "none"), new XAttribute("model", model));
        }

        var copy = new XElement(seclabel);
        copy.SetAttributeValue("model", model);
        return copy;
    }

    /// <summary>Rewrites &lt;numatune&gt; canonically and lets an automatic memory placement carry over to the vCPUs.</summary>
    private static DomainDefinition ApplyNumatune(DomainDefinition def, XElement root)
    {
        var vcpuAuto = def.Vcpu.Placement == "auto";
        var cells = def.Cpu?.Numa?.Elements("cell").Count() ?? 0;
        var numatune = ParseNumatune(root.Element("numatune"), vcpuAuto, cells);
        var extras = def.Extras;
        if (extras.Any(static e => e.Name.LocalName == "numatune" && e.Name.NamespaceName.Length == 0))
        {
            extras = extras.Where(e => e.Name.LocalName != "numatune" || e.Name.NamespaceName.Length != 0).ToImmutableArray();
        }

        if (numatune is not null)
        {
            extras = extras.Add(numatune);
        }

        var vcpu = def.Vcpu;
        if (vcpu.Placement == "auto")
        {
            vcpu = vcpu with { CpuSet = null };
        }
        else if ((string?)numatune?.Element("memory")?.Attribute("placement") == "auto" && vcpu.CpuSet is null && !HasCpuPinning(def))
        {
            vcpu = vcpu with { Placement = "auto" };
        }

        // Nothing changed (the usual case): no copy of the definition.
        return extras == def.Extras && ReferenceEquals(vcpu, def.Vcpu) ? def : def with { Extras = extras, Vcpu = vcpu };
    }

    /// <summary>
    /// Metadata keeps only namespaced elements, the first one of each namespace (libvirt
    /// virXMLNodeSanitizeNamespaces).
    /// </summary>
    private static XElement SanitizeMetadata(XElement metadata)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var child in metadata.Elements().ToList())
        {
            var ns = child.Name.NamespaceName;
            if (ns.Length == 0 || !seen.Add(ns))
            {
                child.Remove();
            }
        }

        return metadata;
    }

    /// <summary>Whether vCPUs, the emulator or IOThreads are pinned to host CPUs (&lt;cputune&gt;).</summary>
    private static bool HasCpuPinning(DomainDefinition def) =>
        def.Extra("cputune")?.Elements().Any(e => e.Name.LocalName is "vcpupin" or "emulatorpin" or "iothreadpin") ?? false;

    private static string? Lifecycle(XElement root, string name)
    {
        var el = root.Element(name);
        if (el is null)
        {
            return null;
        }

        var v = el.Value.Trim();
        if (Array.IndexOf(LifecycleActions, v) < 0)
        {
            throw Error(el, $"unknown {name} action: {v}");
        }

        return v;
    }

    private static string? ParseUuid(XElement? el)
    {
        if (el is null)
        {
            return null;
        }

        var text = el.Value.Trim();
        var hex = new System.Text.StringBuilder(32);
        foreach (var c in text)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            if (!Uri.IsHexDigit(c))
            {
                throw Error(el, $"malformed uuid element '{text}'");
            }

            hex.Append(char.ToLowerInvariant(c));
        }

        if (hex.Length != 32)
        {
            throw Error(el, $"malformed uuid element '{text}'");
        }

        var h = hex.ToString();
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }

    /// <summary>
    /// &lt;memoryBacking&gt; as libvirt writes it (virDomainMemorybackingFormat): hugepages (page
    /// sizes in KiB, node sets canonical), nosharepages, locked, source, access, allocation, discard.
    /// </summary>
    private static XElement CanonicalMemoryBacking(XElement mb)
    {
        var result = new XElement("memoryBacking");
        if (mb.Element("hugepages") is { } hp)
        {
            var pages = new XElement("hugepages");
            foreach (var page in hp.Elements("page"))
            {
                var size = Attr(page, "size") ?? throw Error(page, "unable to parse size attribute");
                var kib = ScaledKiB(page, size, Attr(page, "unit"), "KiB");
                var el = new XElement("page", new XAttribute("size", kib), new XAttribute("unit", "KiB"));
                if (Attr(page, "nodeset") is { } nodeset)
                {
                    el.Add(new XAttribute("nodeset", NodeSet.Canonical(nodeset)));
                }

                pages.Add(el);
            }

            result.Add(pages);
        }

        foreach (var flag in new[] { "nosharepages", "locked" })
        {
            if (mb.Element(flag) is not null)
            {
                result.Add(new XElement(flag));
            }
        }

        if (mb.Element("source") is { } source)
        {
            result.Add(new XElement("source", new XAttribute("type", Enum(source, "type", ["file", "anonymous", "memfd"]) ?? "anonymous")));
        }

        if (mb.Element("access") is { } access)
        {
            result.Add(new XElement("access", new XAttribute("mode", Enum(access, "mode", ["shared", "private"]) ?? "shared")));
        }

        if (mb.Element("allocation") is { } alloc)
        {
            result.Add(new XElement("allocation", OptAttr("mode", Enum(alloc, "mode", ["immediate", "ondemand"])), OptAttr("threads", Attr(alloc, "threads"))));
        }

        if (mb.Element("discard") is not null)
        {
            result.Add(new XElement("discard"));
        }

        return result;
    }

    /// <summary>&lt;pm&gt; with suspend-to-mem before suspend-to-disk, as libvirt writes it.</summary>
    private static XElement CanonicalPm(XElement pm)
    {
        var result = new XElement("pm");
        foreach (var name in new[] { "suspend-to-mem", "suspend-to-disk" })
        {
            if (pm.Element(name) is { } el)
            {
                result.Add(new XElement(name, OptAttr("enabled", Enum(el, "enabled", ["yes", "no"]))));
            }
        }

        return result;
    }

    /// <summary>A random (version 4) UUID, as libvirt generates for a missing &lt;uuid&gt; or an empty &lt;genid/&gt;.</summary>
    private static string NewUuid(DomainParseOptions options)
    {
        var b = options.RandomBytes(16);
        b[6] = (byte)((b[6] & 0x0F) | 0x40);
        b[8] = (byte)((b[8] & 0x3F) | 0x80);
        var h = Convert.ToHexString(b).ToLowerInvariant();
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }

    private static VcpuConfig ParseVcpu(XElement? el)
    {
        if (el is null)
        {
            return new VcpuConfig();
        }

        var text = el.Value.Trim();
        if (!TryParseLong(text, out var count) || count <= 0 || count > 16384)
        {
            throw Error(el, $"invalid vCPU count '{text}'");
        }

        return new VcpuConfig
        {
            Count = (int)count,
            Current = UInt(el, "current"),
            Placement = Enum(el, "placement", ["static", "auto"]),
            CpuSet = Attr(el, "cpuset") is { } cpuset ? NodeSet.Canonical(cpuset) : null,
        };
    }

    private static OsConfig ParseOs(XElement? el, DomainParseOptions options)
    {
        if (el is null)
        {
            return new OsConfig();
        }

        var type = el.Element("type");
        var loader = el.Element("loader");
        var nvram = el.Element("nvram");
        var bootmenu = el.Element("bootmenu");
        var bios = el.Element("bios");
        return new OsConfig
        {
            Type = Text(type) ?? "hvm",
            Arch = type is null ? null : Attr(type, "arch"),
            Machine = type is null ? null : Attr(type, "machine"),
            Firmware = Enum(el, "firmware", ["efi", "bios"]),
            FirmwareFeatures = el.Element("firmware") is { } fw ? Clean(fw) : null,
            Loader = loader is null ? null : new LoaderConfig
            {
                Path = string.IsNullOrWhiteSpace(loader.Value) ? null : loader.Value.Trim(),
                ReadOnly = Enum(loader, "readonly", ["yes", "no"]),
                // A loader image given without a type is a ROM (libvirt's default).
                Type = Enum(loader, "type", ["rom", "pflash"]) ?? (string.IsNullOrWhiteSpace(loader.Value) ? null : "rom"),
                Secure = Enum(loader, "secure", ["yes", "no"]),
                Stateless = Enum(loader, "stateless", ["yes", "no"]),
                Format = Attr(loader, "format"),
            },
            Nvram = nvram is null ? null : new NvramConfig
            {
                Path = string.IsNullOrWhiteSpace(nvram.Value) ? null : nvram.Value.Trim(),
                Template = Attr(nvram, "template"),
                Format = Attr(nvram, "format"),
                Type = Attr(nvram, "type"),
                Source = nvram.Element("source") is { } src ? Clean(src) : null,

                // A typed store (<nvram type='network|file|block'><source/>) is a storage source like a disk's.
                Storage = Attr(nvram, "type") is { } nvramType && nvram.Element("source") is { } nvramSrc
                    ? ParseStorageSource(nvramSrc, new StorageSource { Type = nvramType }, options)
                    : null,
            },
            BootDevices = [.. el.Elements("boot").Select(b => Enum(b, "dev", ["fd", "cdrom", "hd", "network"]) ?? throw Error(b, "missing boot device"))],
            BootMenuEnable = bootmenu is null ? null : Enum(bootmenu, "enable", ["yes", "no"]),
            BootMenuTimeout = bootmenu is not null && Attr(bootmenu, "enable") == "yes" ? Attr(bootmenu, "timeout") : null,
            SmbiosMode = el.Element("smbios") is { } sm ? Attr(sm, "mode") : null,
            BiosUseSerial = bios is null ? null : Attr(bios, "useserial"),
            BiosRebootTimeout = bios is null ? null : Attr(bios, "rebootTimeout"),
            Kernel = Text(el.Element("kernel")),
            Initrd = Text(el.Element("initrd")),
            Cmdline = el.Element("cmdline")?.Value,
            Dtb = Text(el.Element("dtb")),
            Extras = Others(el, "type", "firmware", "loader", "nvram", "boot", "bootmenu", "smbios", "bios", "kernel", "initrd", "cmdline", "dtb"),
        };
    }

    private static CpuConfig ParseCpu(XElement el)
    {
        var model = el.Element("model");
        var topo = el.Element("topology");
        return new CpuConfig
        {
            Mode = Enum(el, "mode", ["custom", "host-model", "host-passthrough", "maximum"]),
            Match = Enum(el, "match", ["minimum", "exact", "strict"]),
            Check = Enum(el, "check", ["none", "partial", "full"]),
            Migratable = Enum(el, "migratable", ["on", "off"]),
            Model = Text(model) is { Length: > 0 } m ? m : null,
            ModelFallback = model is null ? null : Enum(model, "fallback", ["allow", "forbid"]),
            ModelVendorId = model is null ? null : Attr(model, "vendor_id"),
            Vendor = Text(el.Element("vendor")),
            Topology = topo is null ? null : new CpuTopology(
                UInt(topo, "sockets") ?? 0,
                UInt(topo, "dies") ?? 1,
                UInt(topo, "cores") ?? 0,
                UInt(topo, "threads") ?? 0,
                topo.Attribute("dies") is not null),
            Features = [.. el.Elements("feature").Select(f => new CpuFeature(
                Enum(f, "policy", ["force", "require", "optional", "disable", "forbid"]) ?? "require",
                RequireAttr(f, "name")))],
            Numa = el.Element("numa") is { } n ? ParseNuma(n) : null,
            Extras = Others(el, "model", "vendor", "topology", "feature", "numa"),
        };
    }

    /// <summary>
    /// A &lt;timer&gt; with libvirt's attribute order (name, present, tickpolicy, track,
    /// frequency, mode) and its &lt;catchup&gt; settings (threshold, slew, limit).
    /// </summary>
    private static XElement CanonicalTimer(XElement t)
    {
        var el = new XElement("timer");
        foreach (var name in new[] { "name", "present", "tickpolicy", "track", "frequency", "mode" })
        {
            if (Attr(t, name) is { } v)
            {
                el.Add(new XAttribute(name, v));
            }
        }

        if (t.Element("catchup") is { } c)
        {
            var catchup = new XElement("catchup");
            foreach (var name in new[] { "threshold", "slew", "limit" })
            {
                if (Attr(c, name) is { } v)
                {
                    catchup.Add(new XAttribute(name, v));
                }
            }

            if (catchup.HasAttributes)
            {
                el.Add(catchup);
            }
        }

        return el;
    }

    private static ClockConfig ParseClock(XElement? el)
    {
        if (el is null)
        {
            return new ClockConfig();
        }

        return new ClockConfig
        {
            Offset = Enum(el, "offset", ["utc", "localtime", "timezone", "variable", "absolute"]) ?? "utc",
            Timezone = Attr(el, "timezone"),
            Adjustment = Attr(el, "adjustment"),
            Basis = Attr(el, "basis"),
            Start = Attr(el, "start"),
            Timers = [.. el.Elements("timer").Select(CanonicalTimer)],
        };
    }
}
