using System.Collections.Immutable;
using System.Xml.Linq;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Cpu;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Machine-level defaults: GIC, memory alignment, default CPU model.</summary>
public static partial class DomainPreparer
{
    private static DomainDefinition ApplyMachineDefaults(DomainDefinition def, PlatformContext p)
    {
        // currentMemory defaults to, and cannot exceed, memory.
        if (def.CurrentMemoryKiB == 0 || def.CurrentMemoryKiB > def.MemoryKiB)
        {
            def = def with { CurrentMemoryKiB = def.MemoryKiB };
        }

        // ARM 'virt' always has a GIC: pick the first version the host kernel provides under
        // KVM, else GICv2 (what QEMU itself defaults to).
        if (p.IsArmVirt)
        {
            var gic = def.Feature("gic");
            if (gic is null || gic.Attribute("version") is null)
            {
                var version = 2;
                if (p.Accel == Accelerator.Kvm)
                {
                    foreach (var g in p.Caps.Gic)
                    {
                        if (g.Kernel)
                        {
                            version = g.Version;
                            break;
                        }
                    }
                }

                var el = new XElement("gic", new XAttribute("version", version));
                var features = gic is null
                    ? def.Features.Add(el)
                    : def.Features.Replace(gic, el);
                def = def with { Features = features, HasFeaturesElement = true };
            }
        }

        return def;
    }

    /// <summary>Rounds guest RAM up to the machine's granularity (1 MiB; 256 MiB on pSeries), as QEMU needs.</summary>
    internal static ulong AlignMemory(ulong kib, string arch)
    {
        var align = Machine.IsPpc64(arch) ? 256UL * 1024 : 1024UL;
        return kib == 0 ? 0 : (kib + align - 1) / align * align;
    }

    private static DomainDefinition ApplyCpuDefaults(DomainDefinition def, PlatformContext p)
    {
        var cpu = def.Cpu;
        if (cpu is not null && ((cpu.Mode ?? "custom") != "custom" || cpu.Model is not null))
        {
            return def;
        }

        // The machine's default CPU is only meaningful under TCG, except on x86, s390 and ppc64.
        var cpuArch = Machine.IsX86(p.Arch) || Machine.IsS390(p.Arch) || Machine.IsPpc64(p.Arch) || Machine.IsArm(p.Arch);
        if (!cpuArch)
        {
            return def;
        }

        if (!Machine.IsX86(p.Arch) && !Machine.IsS390(p.Arch) && !Machine.IsPpc64(p.Arch) && def.VirtType != "qemu")
        {
            return def;
        }

        var typeName = p.Caps.FindMachine(p.Machine, p.Accel)?.DefaultCpu;
        if (typeName is null)
        {
            return def;
        }

        var model = CpuModelFromTypeName(typeName);

        // pSeries reports versioned type names (power9_v2.0); libvirt's CPU map names them POWER9.
        if (Machine.IsPpc64(p.Arch) && System.Text.RegularExpressions.Regex.Match(model, "^power(\\d+)_v[0-9.]+$") is { Success: true } m)
        {
            model = "POWER" + m.Groups[1].Value;
        }

        cpu ??= new CpuConfig();
        if (model == "host")
        {
            var s390 = Machine.IsS390(p.Arch);
            return def with { Cpu = cpu with { Mode = s390 ? "host-model" : "host-passthrough", Check = cpu.Check ?? (s390 ? "partial" : "none") } };
        }

        return def with
        {
            Cpu = cpu with
            {
                Mode = "custom",
                Match = cpu.Match ?? "exact",
                Check = cpu.Check ?? "none",
                Model = model,
                ModelFallback = cpu.ModelFallback ?? "forbid",
            },
        };
    }

    /// <summary>"qemu64-x86_64-cpu" → "qemu64": strips QEMU's "-&lt;target&gt;-cpu" type suffix.</summary>
    internal static string CpuModelFromTypeName(string typeName)
    {
        if (!typeName.EndsWith("-cpu", StringComparison.Ordinal))
        {
            return typeName;
        }

        var stem = typeName[..^4];
        var dash = stem.LastIndexOf('-');
        return dash > 0 ? stem[..dash] : stem;
    }

    private static ImmutableArray<T> Without<T>(ImmutableArray<T> list, T item) => list.Remove(item);
}
