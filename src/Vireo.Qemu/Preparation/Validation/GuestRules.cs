using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Domain-wide settings QEMU cannot honour: vCPU topology and limits, ACPI, genid, BIOS serial, tuning.</summary>
internal static class GuestRules
{
    private const int MaxVcpusWithoutEim = 255;

    /// <summary>Rules libvirt's QEMU driver applies to the whole domain.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        var machine = p.Caps.FindMachine(p.Machine, p.Accel);
        if (machine?.Acpi == false && def.Feature("acpi") is not null)
        {
            throw Unsupported($"machine type '{def.Os.Machine}' does not support ACPI");
        }

        if (Top(def, "memtune")?.Element("min_guarantee") is not null)
        {
            throw Unsupported("Parameter 'min_guarantee' not supported by QEMU.");
        }

        if (def.GenId is not null && KnowsCaps(p) && !p.Has("vmgenid"))
        {
            throw Unsupported("this QEMU does not support the 'genid' capability");
        }

        if (def.Os.BiosUseSerial == "yes")
        {
            if (!p.IsX86)
            {
                throw Unsupported("BIOS serial console only supported on x86 architectures");
            }

            if (!def.DevicesOf<ChardevDevice>().Any(c => c.Kind == "serial"))
            {
                throw Xml("need at least one serial port to use BIOS serial output");
            }
        }

        CheckVcpus(def, p, machine);

        var cputune = Top(def, "cputune");
        if (cputune is not null && cputune.Elements().Any(e => e.Name.LocalName is "cachetune" or "memorytune") && p.Accel != Accelerator.Kvm)
        {
            throw Unsupported("cachetune is only supported for KVM domains");
        }
    }

    private static void CheckVcpus(DomainDefinition def, PlatformContext p, MachineType? machine)
    {
        var max = def.Vcpu.Count;
        if (machine is { MaxCpus: > 0 } && max > machine.MaxCpus)
        {
            throw Unsupported($"Maximum CPUs greater than specified machine type limit {N(machine.MaxCpus)}");
        }

        // Binaries that hotplug vCPUs by topology need the topology to add up to the vCPU count.
        if (def.Cpu?.Topology is { Sockets: > 0, Cores: > 0, Threads: > 0 } topology && p.Has("query-hotpluggable-cpus"))
        {
            var product = (long)topology.Sockets * Math.Max(topology.Dies, 1) * topology.Cores * topology.Threads;
            if (product != max)
            {
                throw Unsupported("CPU topology doesn't match maximum vcpu count");
            }

            if (p.IsPSeries && (def.Vcpu.Current ?? max) % topology.Threads != 0)
            {
                throw Unsupported($"vCPUs count must be a multiple of the vCPU hotplug granularity ({N(topology.Threads)})");
            }
        }

        if (p.IsX86 && max > MaxVcpusWithoutEim)
        {
            if (!p.IsQ35)
            {
                throw Unsupported($"more than {N(MaxVcpusWithoutEim)} vCPUs are only supported on q35-based machine types");
            }

            var iommu = def.Devices.FirstOrDefault(d => d.ElementName == "iommu");
            var eim = iommu is GenericDevice g ? Attr(g.Child("driver"), "eim") : null;
            if (eim != "on")
            {
                throw Unsupported($"more than {N(MaxVcpusWithoutEim)} vCPUs require extended interrupt mode enabled on the iommu device");
            }
        }
    }
}
