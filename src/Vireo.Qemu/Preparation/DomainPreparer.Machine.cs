using System.Collections.Immutable;
using System.Globalization;
using System.Xml.Linq;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Cpu;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Memory;
using Vireo.Domain.Numa;
using Vireo.Qemu.Cpu;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Machine-level defaults: memory sizes, GIC, default CPU model and CPU checks, DIMM slots.</summary>
public static partial class DomainPreparer
{
    private static DomainDefinition ApplyMachineDefaults(DomainDefinition def, PlatformContext p)
    {
        def = ApplyMemoryDefaults(def);

        // ARM 'virt' always has a GIC (libvirt qemuDomainDefEnableDefaultFeatures).
        if (p.IsArmVirt)
        {
            var gic = def.Feature("gic");
            if (gic is null || gic.Attribute("version") is null)
            {
                var el = new XElement("gic", new XAttribute("version", DefaultGicVersion(p)));
                var features = gic is null ? def.Features.Add(el) : def.Features.Replace(gic, el);
                def = def with { Features = [.. features.OrderBy(f => FeatureRank(f.Name.LocalName))], HasFeaturesElement = true };
            }
        }

        return def;
    }

    /// <summary>
    /// The GIC version a virt guest gets when none is given: under KVM the highest version the
    /// host kernel provides; otherwise (and as a fallback) v2 — the emulated GICv3 lacks an MSI
    /// controller, so TCG guests keep QEMU's default.
    /// </summary>
    private static string DefaultGicVersion(PlatformContext p)
    {
        if (p.Accel != Accelerator.Kvm)
        {
            return "2";
        }

        foreach (var version in new[] { 3, 2 })
        {
            foreach (var g in p.Caps.Gic)
            {
                if (g.Version == version && g.Kernel)
                {
                    return version.ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        return "2";
    }

    // Source: libvirt 9.0 VIR_ENUM_IMPL(virDomainFeature) — the order features are kept in.
    private static readonly string[] FeatureOrder =
    [
        "acpi", "apic", "pae", "hap", "viridian", "privnet", "hyperv", "kvm", "pvspinlock", "capabilities",
        "pmu", "vmport", "gic", "smm", "ioapic", "hpt", "vmcoreinfo", "htm", "nested-hv", "msrs",
        "ccf-assist", "xen", "cfpc", "sbbc", "ibs", "tcg", "async-teardown", "ps2",
    ];

    private static int FeatureRank(string name)
    {
        var i = Array.IndexOf(FeatureOrder, name);
        return i < 0 ? FeatureOrder.Length : i;
    }

    /// <summary>
    /// Memory post-parse (libvirt virDomainDefPostParseMemory): without &lt;memory&gt; the total
    /// comes from the NUMA cells plus memory devices; the initial memory must not be zero; the
    /// balloon defaults to the total.
    /// </summary>
    private static DomainDefinition ApplyMemoryDefaults(DomainDefinition def)
    {
        var devices = def.Devices.Select(MemoryDeviceConfig.Read).OfType<MemoryDeviceConfig>().ToList();
        var hotplug = devices.Aggregate(0UL, (s, d) => s + d.SizeKiB);
        var numaTotal = GuestNuma.Read(def.Cpu?.Numa).TotalMemoryKiB;
        if (numaTotal > 0)
        {
            // With NUMA the boot memory is the cells' (the total follows at start).
            if (def.MemoryKiB == 0)
            {
                def = def with { MemoryKiB = numaTotal + hotplug };
            }
        }
        else if (hotplug > def.MemoryKiB)
        {
            throw DomainConfigException.Xml("Total size of memory devices exceeds the total memory size");
        }
        else if (def.MemoryKiB == hotplug)
        {
            throw DomainConfigException.Xml("Memory size must be specified via <memory> or in the <numa> configuration");
        }

        if (def.CurrentMemoryKiB == 0 || def.CurrentMemoryKiB > def.MemoryKiB)
        {
            def = def with { CurrentMemoryKiB = def.MemoryKiB };
        }

        return def;
    }

    /// <summary>Rounds guest RAM up to the machine's granularity (1 MiB; 256 MiB on pSeries), as QEMU needs.</summary>
    internal static ulong AlignMemory(ulong kib, string arch)
    {
        var align = Machine.IsPpc64(arch) ? 256UL * 1024 : 1024UL;
        return kib == 0 ? 0 : (kib + align - 1) / align * align;
    }

    /// <summary>
    /// CPU post-parse (libvirt qemuDomainDefSetDefaultCPU and qemuDomainDefCPUPostParse): the
    /// machine's default model when none is given, host-passthrough migratability on x86, the
    /// SVE switch implied by SVE vector lengths, and the default check level per mode.
    /// </summary>
    private static DomainDefinition ApplyCpuDefaults(DomainDefinition def, PlatformContext p)
    {
        def = ApplyDefaultCpuModel(def, p);
        var cpu = def.Cpu;
        if (cpu is null)
        {
            return def;
        }

        cpu = RectifyNumaCpus(cpu, def.Vcpu.Count);
        var mode = cpu.Mode ?? "custom";
        if (mode is "host-passthrough" or "maximum" && cpu.Migratable is null && p.IsX86)
        {
            cpu = cpu with { Migratable = p.Has("cpu.migratable") ? "on" : "off" };
        }

        // Source: libvirt 9.0 cpu_arm.c — any SVE vector length enabled implies 'sve' itself.
        if (p.Arch == "aarch64" && !cpu.Features.Any(f => f.Name == "sve")
            && cpu.Features.Any(f => f.Name.StartsWith("sve", StringComparison.Ordinal) && f.Policy is "require" or "force"))
        {
            cpu = cpu with { Features = cpu.Features.Add(new CpuFeature("require", "sve")) };
        }

        if (cpu.Check is null && (mode != "custom" || cpu.Model is not null))
        {
            cpu = cpu with
            {
                Check = mode switch
                {
                    "host-passthrough" or "maximum" => "none",
                    "host-model" => "partial",
                    _ => def.VirtType == "qemu" ? "none" : "partial",
                },
            };
        }

        return ReferenceEquals(cpu, def.Cpu) ? def : def with { Cpu = cpu };
    }

    /// <summary>
    /// vCPUs that no NUMA cell lists go to cell 0 (libvirt qemuDomainDefNumaCPUsRectify), so
    /// that QEMU gets a complete NUMA topology.
    /// </summary>
    private static CpuConfig RectifyNumaCpus(CpuConfig cpu, int vcpus)
    {
        if (cpu.Numa is not { } numa || numa.Elements("cell").FirstOrDefault() is not { } first)
        {
            return cpu;
        }

        var used = new HashSet<int>();
        foreach (var cell in numa.Elements("cell"))
        {
            used.UnionWith(NodeSet.TryParse((string?)cell.Attribute("cpus")) ?? []);
        }

        if (used.Count >= vcpus)
        {
            return cpu;
        }

        var cell0 = new HashSet<int>(NodeSet.TryParse((string?)first.Attribute("cpus")) ?? []);
        for (var v = 0; v < vcpus; v++)
        {
            if (!used.Contains(v))
            {
                cell0.Add(v);
            }
        }

        var copy = new XElement(numa);
        copy.Elements("cell").First().SetAttributeValue("cpus", NodeSet.Format(cell0));
        return cpu with { Numa = copy };
    }

    private static DomainDefinition ApplyDefaultCpuModel(DomainDefinition def, PlatformContext p)
    {
        var cpu = def.Cpu;
        if (cpu is not null && ((cpu.Mode ?? "custom") != "custom" || cpu.Model is not null))
        {
            return def;
        }

        // QEMU's default CPU of a machine is only meaningful under TCG, except on x86, s390 and ppc64.
        if (!Machine.IsX86(p.Arch) && !Machine.IsS390(p.Arch) && !Machine.IsPpc64(p.Arch) && def.VirtType != "qemu")
        {
            return def;
        }

        if (CpuModeSupport.DefaultModel(p.Caps, p.Machine, p.Accel) is not { } model)
        {
            return def;
        }

        cpu ??= new CpuConfig();
        if (model == "host")
        {
            var hostModels = new HostCpuModelSource(p.Caps, p.Arch, p.Host.Cpu);
            var hostModel = Machine.IsS390(p.Arch) && CpuModeSupport.IsSupported(p.Caps, p.Arch, p.Accel, "host-model", p.Machine, hostModels);
            return def with { Cpu = cpu with { Mode = hostModel ? "host-model" : "host-passthrough" } };
        }

        return def with
        {
            Cpu = cpu with
            {
                Mode = "custom",
                Match = cpu.Match ?? "exact",
                Model = model,
                ModelFallback = cpu.ModelFallback ?? "forbid",

                // The machine's own default is not compared with the host.
                Check = cpu.Check ?? "none",
            },
        };
    }

    /// <summary>
    /// DIMM and NVDIMM devices of a domain with memory hotplug get the first free slot
    /// (libvirt qemuDomainAssignMemorySlots).
    /// </summary>
    private static DomainDefinition AssignMemorySlots(DomainDefinition def)
    {
        if (def.MaxMemoryKiB is null || def.MaxMemorySlots is not { } slots)
        {
            return def;
        }

        var used = new HashSet<int>();
        foreach (var m in def.Devices.Select(MemoryDeviceConfig.Read).OfType<MemoryDeviceConfig>())
        {
            if (m.UsesDimmSlot && m.Slot is { } s)
            {
                used.Add(s);
            }
        }

        var devices = def.Devices.ToBuilder();
        for (var i = 0; i < devices.Count; i++)
        {
            if (MemoryDeviceConfig.Read(devices[i]) is not { UsesDimmSlot: true, Slot: null } m)
            {
                continue;
            }

            var slot = 0;
            while (used.Contains(slot) && slot < slots)
            {
                slot++;
            }

            if (slot >= slots)
            {
                throw DomainConfigException.Unsupported("Unable to find a free memory slot");
            }

            used.Add(slot);
            var attrs = ImmutableArray.Create(new KeyValuePair<string, string>("slot", slot.ToString(CultureInfo.InvariantCulture)));
            if (devices[i].Info.Address is OtherAddress { Type: "dimm" } existing)
            {
                attrs = attrs.AddRange(existing.Attributes.Where(a => a.Key != "slot"));
            }

            devices[i] = devices[i].WithAddress(new OtherAddress("dimm", attrs));
        }

        return def with { Devices = devices.ToImmutable() };
    }
}
