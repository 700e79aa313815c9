using System.Globalization;
using System.Text;
using Vireo.Capabilities;
using Vireo.Domain.Cpu;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.Cpu;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// -cpu: the model (or host/max), vendor id and features of the started guest CPU, then the
/// paravirtual switches (clock timers, EOI, spinlocks, Hyper-V enlightenments, KVM hints,
/// PMU, cache and physical-address settings), after libvirt 9.0 qemuBuildCpuCommandLine.
/// </summary>
internal sealed partial class CommandLineBuilder
{
    // Source: libvirt 9.0 VIR_ENUM_IMPL(virDomainHyperv) — the order enlightenments are emitted in.
    private static readonly string[] HypervFlagOrder =
    [
        "relaxed", "vapic", "spinlocks", "vpindex", "runtime", "synic", "stimer", "reset", "vendor_id",
        "frequencies", "reenlightenment", "tlbflush", "ipi", "evmcs", "avic",
    ];

    private void BuildCpu()
    {
        var hostModels = new HostCpuModelSource(p.Caps, p.Arch, p.Host.Cpu);
        var cpu = GuestCpuResolver.Resolve(def, p, hostModels);

        var model = TextBuilderCache.Acquire();
        if (cpu is not null && ((cpu.Mode ?? "custom") != "custom" || cpu.Model is not null))
        {
            CpuModelArg(model, cpu);
        }
        else if (p.Arch == "i686" && (def.Emulator ?? p.Emulator).Contains("x86_64", StringComparison.Ordinal))
        {
            // A 32-bit guest on the 64-bit binary needs a 32-bit CPU.
            model.Append("qemu32");
        }

        var flags = new StringBuilder();
        CpuTimerFlags(flags);

        if (def.Feature("apic")?.Attribute("eoi")?.Value is { } eoi)
        {
            flags.Append(",kvm-pv-eoi=").Append(OptionText.CpuToken(eoi, "APIC eoi state"));
        }

        if (FeatureState("pvspinlock") is { } pvspin)
        {
            flags.Append(",kvm-pv-unhalt=").Append(OptionText.CpuToken(pvspin, "pvspinlock state"));
        }

        HypervFlags(flags);

        if (def.DevicesOf<PanicDevice>().Any(d => d.Model == "hyperv"))
        {
            flags.Append(",hv-crash");
        }

        KvmFlags(flags);

        // ppc64 guests always have a PMU; QEMU has no switch for it there.
        if (FeatureState("pmu") is { } pmu && !Machine.IsPpc64(p.Arch))
        {
            flags.Append(",pmu=").Append(OptionText.CpuToken(pmu, "PMU state"));
        }

        CacheFlags(flags, cpu);
        PhysAddrFlags(flags, cpu);

        if (flags.Length > 0 && model.Length == 0)
        {
            model.Append(p.Arch switch
            {
                "i686" => "qemu32",
                "x86_64" => "qemu64",
                _ => throw DomainConfigException.Unsupported($"CPU flags requested but can't determine default CPU for arch {p.Arch}"),
            });
        }

        if (model.Length > 0)
        {
            Add("-cpu", TextBuilderCache.ToStringAndRelease(model.Append(flags)));
        }
    }

    /// <summary>qemuBuildCpuModelArgStr: the model part of -cpu.</summary>
    private void CpuModelArg(StringBuilder sb, CpuConfig cpu)
    {
        switch (cpu.Mode ?? "custom")
        {
            case "host-passthrough":
                sb.Append("host");
                if (p.Arch == "armv7l" && p.Host.Arch == "aarch64")
                {
                    if (!p.Has("aarch64-off"))
                    {
                        throw DomainConfigException.Unsupported("QEMU binary does not support CPU host-passthrough for armv7l on aarch64 host");
                    }

                    sb.Append(",aarch64=off");
                }

                AppendMigratable(sb, cpu);
                break;
            case "host-model":
                if (Machine.IsS390(p.Arch) && p.Caps.HostCpus.TryGetValue(p.Accel, out var host))
                {
                    // s390: QEMU's own expansion of the host CPU, as recorded in the capabilities.
                    sb.Append(host.Model);
                    foreach (var prop in host.Properties.Where(pr => pr.Type == "boolean"))
                    {
                        sb.Append(',').Append(prop.Name).Append('=').Append(prop.Value == "true" ? "on" : "off");
                    }

                    break;
                }

                if (!Machine.IsPpc64(p.Arch))
                {
                    throw DomainConfigException.Unsupported($"unexpected host-model CPU for {p.Arch} architecture");
                }

                sb.Append("host");

                // On pSeries the compatibility mode is a machine property (max-cpu-compat).
                if (cpu.Model is not null && !p.IsPSeries)
                {
                    sb.Append(",compat=").Append(OptionText.CpuToken(cpu.Model, "CPU model"));
                }

                break;
            case "maximum":
                sb.Append("max");
                AppendMigratable(sb, cpu);
                break;
            default:
                sb.Append(cpu.Model is null ? null : OptionText.CpuToken(cpu.Model, "CPU model"));
                break;
        }

        if (cpu.ModelVendorId is { } vendorId)
        {
            sb.Append(",vendor=").Append(OptionText.CpuToken(vendorId, "CPU vendor_id"));
        }

        foreach (var f in cpu.Features)
        {
            if (!CpuFeatureNames.HasQemuProperty(p.Arch, f.Name))
            {
                continue;
            }

            var name = OptionText.CpuFeature(CpuFeatureNames.ToQemu(p.Arch, f.Name));
            switch (f.Policy)
            {
                case "force" or "require":
                    sb.Append(',').Append(name).Append("=on");
                    break;
                case "disable" or "forbid":
                    sb.Append(',').Append(name).Append("=off");
                    break;
                default:
                    break;
            }
        }

        if (cpu.Mode is null or "custom")
        {
            foreach (var removed in CpuFeatureNames.RemovedFromModel(p.Arch, cpu.Model))
            {
                if (!cpu.Features.Any(f => f.Name == removed))
                {
                    sb.Append(',').Append(removed).Append("=off");
                }
            }
        }
    }

    private void AppendMigratable(StringBuilder sb, CpuConfig cpu)
    {
        if (cpu.Migratable is not { } migratable)
        {
            return;
        }

        if (p.Has("cpu.migratable"))
        {
            sb.Append(",migratable=").Append(OptionText.CpuToken(migratable, "CPU migratable"));
        }
        else if (migratable == "on")
        {
            throw DomainConfigException.Unsupported("Migratable attribute for host-passthrough CPU is not supported by QEMU binary");
        }
    }

    private void CpuTimerFlags(StringBuilder sb)
    {
        foreach (var t in def.Clock.Timers)
        {
            var present = (string?)t.Attribute("present");
            switch ((string?)t.Attribute("name"))
            {
                case "kvmclock" when present is not null:
                    sb.Append(",kvmclock=").Append(present == "yes" ? "on" : "off");
                    break;
                case "hypervclock" when present == "yes":
                    sb.Append(",hv-time=on");
                    break;
                case "tsc" when (string?)t.Attribute("frequency") is { } freq && freq != "0":
                    sb.Append(",tsc-frequency=").Append(OptionText.CpuToken(freq, "TSC frequency"));
                    break;
                case "armvtimer":
                    switch ((string?)t.Attribute("tickpolicy"))
                    {
                        case "delay":
                            sb.Append(",kvm-no-adjvtime=off");
                            break;
                        case "discard":
                            sb.Append(",kvm-no-adjvtime=on");
                            break;
                        default:
                            break;
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private void HypervFlags(StringBuilder sb)
    {
        if (def.Feature("hyperv") is not { } hv)
        {
            return;
        }

        if ((string?)hv.Attribute("mode") == "passthrough")
        {
            sb.Append(",hv-passthrough=on");
        }

        foreach (var name in HypervFlagOrder)
        {
            var el = hv.Element(name);
            if (el is null || (string?)el.Attribute("state") != "on")
            {
                continue;
            }

            switch (name)
            {
                case "spinlocks":
                    var retries = OptionText.ParseULong((string?)el.Attribute("retries") ?? "0", "Hyper-V spinlocks retries");
                    sb.Append(",hv-spinlocks=0x").Append(retries.ToString("x", CultureInfo.InvariantCulture));
                    break;
                case "vendor_id":
                    sb.Append(",hv-vendor-id=").Append(OptionText.CpuToken((string?)el.Attribute("value") ?? "", "Hyper-V vendor_id"));
                    break;
                default:
                    sb.Append(",hv-").Append(name).Append("=on");
                    if (name == "stimer" && (string?)el.Element("direct")?.Attribute("state") == "on")
                    {
                        sb.Append(",hv-stimer-direct=on");
                    }

                    break;
            }
        }
    }

    private void KvmFlags(StringBuilder sb)
    {
        if (def.Feature("kvm") is not { } kvm)
        {
            return;
        }

        string State(string name) => (string?)kvm.Element(name)?.Attribute("state") ?? "";
        if (State("hidden") == "on")
        {
            sb.Append(",kvm=off");
        }

        if (State("hint-dedicated") == "on")
        {
            sb.Append(",kvm-hint-dedicated=on");
        }

        if (State("poll-control") == "on")
        {
            sb.Append(",kvm-poll-control=on");
        }

        if (State("pv-ipi") == "off")
        {
            sb.Append(",kvm-pv-ipi=off");
        }
    }

    private void CacheFlags(StringBuilder sb, CpuConfig? cpu)
    {
        if (cpu?.Extras.FirstOrDefault(e => e.Name.LocalName == "cache") is not { } cache)
        {
            return;
        }

        var hostOff = false;
        var l3Off = false;
        switch ((string?)cache.Attribute("mode"))
        {
            case "emulate":
                sb.Append(",l3-cache=on");
                hostOff = true;
                break;
            case "passthrough":
                sb.Append(",host-cache-info=on");
                l3Off = true;
                break;
            case "disable":
                hostOff = l3Off = true;
                break;
            default:
                break;
        }

        if (hostOff && cpu.Mode is "host-passthrough" or "maximum" && p.Has("cpu-cache"))
        {
            sb.Append(",host-cache-info=off");
        }

        if (l3Off && p.Has("cpu-cache"))
        {
            sb.Append(",l3-cache=off");
        }
    }

    private static void PhysAddrFlags(StringBuilder sb, CpuConfig? cpu)
    {
        if (cpu?.Extras.FirstOrDefault(e => e.Name.LocalName == "maxphysaddr") is not { } addr)
        {
            return;
        }

        var bits = (string?)addr.Attribute("bits");
        switch ((string?)addr.Attribute("mode"))
        {
            case "passthrough":
                if (bits is not null)
                {
                    sb.Append(",phys-bits=").Append(OptionText.CpuToken(bits, "physical address bits"));
                }

                sb.Append(",host-phys-bits=on");
                break;
            case "emulate":
                if (bits is not null)
                {
                    sb.Append(",phys-bits=").Append(OptionText.CpuToken(bits, "physical address bits"));
                }

                break;
            default:
                break;
        }
    }
}
