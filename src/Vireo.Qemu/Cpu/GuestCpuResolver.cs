using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Cpu;
using Vireo.Domain.Errors;
using Vireo.Qemu.DomainCapabilities;
using Vireo.Qemu.Platform;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Cpu;

/// <summary>
/// The guest CPU as it is started (libvirt 9.0 qemuProcessUpdateGuestCPU): the CPU mode
/// must be supported; host-model and minimum-match CPUs become the host model plus the
/// guest's features; optional features resolve against the host; a model the binary does
/// not offer is replaced by the closest one it does (when fallback is allowed); features
/// QEMU cannot control are dropped.
/// </summary>
internal static class GuestCpuResolver
{
    // Source: libvirt 9.0 qemu_capabilities.c virQEMUCapsCPUFilterFeatures.
    private static readonly ImmutableHashSet<string> FilteredX86Features =
        ImmutableHashSet.Create(StringComparer.Ordinal, "cmt", "mbm_total", "mbm_local", "osxsave", "ospke");

    /// <summary>The CPU to put on the command line; null when the domain has none.</summary>
    public static CpuConfig? Resolve(DomainDefinition def, PlatformContext p, HostCpuModelSource hostModels)
    {
        var cpu = def.Cpu;
        if (cpu is null)
        {
            return null;
        }

        var mode = cpu.Mode ?? "custom";
        if ((mode != "custom" || cpu.Model is not null)
            && !CpuModeSupport.IsSupported(p.Caps, p.Arch, p.Accel, mode, p.Machine, hostModels))
        {
            throw DomainConfigException.Unsupported(
                $"CPU mode '{mode}' for {p.Arch} {def.VirtType} domain on {p.Host.Arch} host is not supported by hypervisor");
        }

        if (mode is "host-passthrough" or "maximum" || (mode == "custom" && cpu.Model is null))
        {
            return cpu;
        }

        if (mode == "host-model" && Machine.IsPpc64(p.Arch))
        {
            CheckPpc64Compat(cpu, hostModels);
            return cpu;
        }

        if (!Machine.IsX86(p.Arch))
        {
            return TranslateCheck(cpu, p);
        }

        cpu = X86Update(cpu, () => hostModels.Migratable(p.Accel));
        cpu = X86Translate(cpu, p);
        cpu = cpu with
        {
            ModelFallback = "forbid",
            Features = [.. cpu.Features.Where(f => !FilteredX86Features.Contains(f.Name))],
        };
        return cpu;
    }

    /// <summary>
    /// virCPUx86Update: optional features become required or disabled depending on the host;
    /// host-model and minimum-match CPUs take the host model, keeping the guest's vendor id
    /// and applying the guest's features on top.
    /// </summary>
    private static CpuConfig X86Update(CpuConfig guest, Func<CpuConfig?> hostModel)
    {
        var mode = guest.Mode ?? "custom";
        var needsHost = mode == "host-model" || guest.Match == "minimum" || guest.Features.Any(f => f.Policy == "optional");
        if (!needsHost)
        {
            return guest;
        }

        // Decoded only when needed: the host model is the costliest step of an x86 command line.
        var host = hostModel();

        if (host is null)
        {
            throw DomainConfigException.Unsupported("unknown host CPU model");
        }

        var features = guest.Features;
        if (features.Any(f => f.Policy == "optional"))
        {
            var hostData = X86CpuDecoder.FeatureData(host, out _) ?? [];
            features = [.. features.Select(f => f.Policy == "optional" ? f with { Policy = hostData.Contains(f.Name) ? "require" : "disable" } : f)];
        }

        if (mode != "host-model" && guest.Match != "minimum")
        {
            return guest with { Features = features };
        }

        var merged = host.Features.ToList();
        foreach (var f in features)
        {
            var i = merged.FindIndex(x => x.Name == f.Name);
            if (i >= 0)
            {
                merged[i] = f;
            }
            else
            {
                merged.Add(f);
            }
        }

        return guest with
        {
            Mode = "custom",
            Match = "exact",
            Model = host.Model,
            Vendor = mode == "custom" ? guest.Vendor : host.Vendor,
            Features = [.. merged],
        };
    }

    /// <summary>virCPUTranslate for x86: a model the binary lacks is replaced by its closest offered model.</summary>
    private static CpuConfig X86Translate(CpuConfig cpu, PlatformContext p)
    {
        if (cpu.Model is null || !p.Caps.OffersCpuModel(p.Accel) || p.Caps.OffersCpuModel(p.Accel, cpu.Model))
        {
            return cpu;
        }

        var offered = p.Caps.CpuModelsFor(p.Accel).ToList();

        if ((cpu.ModelFallback ?? "allow") != "allow")
        {
            throw DomainConfigException.Unsupported($"CPU model {cpu.Model} is not supported by hypervisor");
        }

        if (X86CpuDecoder.FeatureData(cpu, out var model) is not { } data || model is null)
        {
            throw DomainConfigException.Unsupported($"CPU model {cpu.Model} is not supported by hypervisor");
        }

        (int, int)? signature = model.Signatures.IsDefaultOrEmpty ? null : model.Signatures[0];
        var decoded = X86CpuDecoder.Decode(data, model.Vendor, signature, offered, migratable: false)
            ?? throw DomainConfigException.Unsupported("Cannot find suitable CPU model for given data");

        var features = decoded.Features.ToList();
        foreach (var f in cpu.Features)
        {
            var i = features.FindIndex(x => x.Name == f.Name);
            if (i >= 0)
            {
                features[i] = f;
            }
            else
            {
                features.Add(f);
            }
        }

        return cpu with { Model = decoded.Model, Features = [.. features] };
    }

    /// <summary>virCPUTranslate for archs without a translation: the model must be offered.</summary>
    private static CpuConfig TranslateCheck(CpuConfig cpu, PlatformContext p)
    {
        if ((cpu.Mode ?? "custom") != "custom" || cpu.Model is null)
        {
            return cpu;
        }

        if (p.Caps.OffersCpuModel(p.Accel) && !p.Caps.OffersCpuModel(p.Accel, cpu.Model) && (cpu.ModelFallback ?? "allow") != "allow")
        {
            throw DomainConfigException.Unsupported($"CPU model {cpu.Model} is not supported by hypervisor");
        }

        return cpu;
    }

    // Source: libvirt src/cpu/cpu_ppc64.c — a compatibility mode must not be newer than the host.
    private static void CheckPpc64Compat(CpuConfig cpu, HostCpuModelSource hostModels)
    {
        if ((cpu.Check ?? "partial") == "none" || cpu.Model is null || hostModels.Full?.Model is not { } hostModel)
        {
            return;
        }

        if (PowerGeneration(cpu.Model) is { } want && PowerGeneration(hostModel) is { } have && want > have)
        {
            throw DomainConfigException.Unsupported("the CPU is incompatible with host CPU");
        }
    }

    private static int? PowerGeneration(string model)
    {
        var m = System.Text.RegularExpressions.Regex.Match(model, "^(?:power|POWER)(\\d+)");
        return m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
