using System.Globalization;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Cpu;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Guest CPU rules: cache and physical address bits, ARM SVE, CPU modes the hypervisor offers.</summary>
internal static class CpuRules
{
    /// <summary>Rules on the &lt;cpu&gt; element as written.</summary>
    public static void BeforeDefaults(DomainDefinition def, PlatformContext p)
    {
        if (def.Cpu is not { } cpu)
        {
            return;
        }

        if (p.Arch == "armv7l" && p.Host.Arch == "aarch64" && cpu.Mode == "host-passthrough" && KnowsCaps(p) && !p.Has("aarch64-off"))
        {
            throw Unsupported("QEMU binary does not support CPU host-passthrough for armv7l on aarch64 host");
        }

        if (p.Arch == "aarch64")
        {
            CheckSve(cpu);
        }
    }

    /// <summary>Cache, address-bits and mode rules (libvirt's validation).</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        if (def.Cpu is not { } cpu)
        {
            return;
        }

        var mode = cpu.Mode ?? "custom";
        if (cpu.Extras.FirstOrDefault(e => e.Name.LocalName == "maxphysaddr") is { } addr)
        {
            if (!p.IsX86)
            {
                throw Unsupported($"CPU maximum physical address bits specification is not supported for '{p.Arch}' architecture");
            }

            if (Attr(addr, "mode") == "passthrough" && Attr(addr, "bits") is not null)
            {
                throw Unsupported("CPU maximum physical address bits number specification cannot be used with mode='passthrough'");
            }
        }

        if (cpu.Extras.FirstOrDefault(e => e.Name.LocalName == "cache") is { } cache)
        {
            if (!p.IsX86)
            {
                throw Unsupported($"CPU cache specification is not supported for '{p.Arch}' architecture");
            }

            var cacheMode = Attr(cache, "mode");
            var level = Attr(cache, "level");
            switch (cacheMode)
            {
                case "emulate":
                    if (level != "3")
                    {
                        throw Unsupported("CPU cache mode 'emulate' can only be used with level='3'");
                    }

                    break;
                case "passthrough":
                    if (mode is not ("host-passthrough" or "maximum"))
                    {
                        throw Unsupported("CPU cache mode 'passthrough' can only be used with 'host-passthrough' / 'maximum' CPUs");
                    }

                    if (level is not null)
                    {
                        throw Unsupported("unsupported CPU cache level for mode 'passthrough'");
                    }

                    break;
                case "disable":
                    if (level is not null)
                    {
                        throw Unsupported("unsupported CPU cache level for mode 'disable'");
                    }

                    break;
                default:
                    break;
            }
        }

        if (mode == "maximum" && KnowsCaps(p) && !p.Has("cpu-max"))
        {
            throw Unsupported("maximum CPU is not supported by QEMU binary");
        }
    }

    /// <summary>What the hypervisor must offer when the guest starts.</summary>
    public static void AtLaunch(DomainDefinition def, PlatformContext p)
    {
        if (def.Cpu is not { } cpu || !KnowsCaps(p))
        {
            return;
        }

        var capsArch = p.Caps.Arch.Length > 0 ? p.Caps.Arch : p.Arch;
        if (cpu.Mode == "host-passthrough" &&
            !(p.Accel is Accelerator.Kvm or Accelerator.Hvf && IsNative(p.Host.Arch, capsArch)))
        {
            throw Unsupported($"CPU mode 'host-passthrough' for {p.Arch} {def.VirtType} domain on {p.Host.Arch} host is not supported by hypervisor");
        }

        if (p.Arch is "aarch64" or "armv7l")
        {
            foreach (var f in cpu.Features)
            {
                if (!IsArmFeature(f.Name))
                {
                    throw Unsupported($"unknown CPU feature: {f.Name}");
                }
            }
        }

        if (p.IsX86 && (cpu.Mode ?? "custom") == "custom" && cpu.Model is { } model && cpu.ModelFallback == "forbid")
        {
            var models = p.Caps.CpuModelsFor(p.Accel);
            if (models.Any() && !models.Any(m => m.Name == model))
            {
                throw Unsupported($"CPU model {model} is not supported by hypervisor");
            }
        }
    }

    private static bool IsNative(string host, string guest) =>
        host == guest
        || (host == "x86_64" && guest == "i686")
        || (host == "aarch64" && guest == "armv7l")
        || (host.StartsWith("ppc64", StringComparison.Ordinal) && guest.StartsWith("ppc64", StringComparison.Ordinal));

    // libvirt's ARM CPU map knows only the SVE features.
    private static bool IsArmFeature(string name) => name == "sve" || SveLength(name) is not null;

    private static int? SveLength(string name)
    {
        if (!name.StartsWith("sve", StringComparison.Ordinal) ||
            !int.TryParse(name.AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return null;
        }

        return bits is >= 128 and <= 2048 && bits % 128 == 0 ? bits : null;
    }

    private static void CheckSve(CpuConfig cpu)
    {
        var sveOff = cpu.Features.Any(f => f.Name == "sve" && f.Policy is "disable" or "forbid");
        if (sveOff && cpu.Features.Any(f => SveLength(f.Name) is not null && f.Policy is "require" or "force"))
        {
            throw Unsupported("SVE disabled, but SVE vector lengths provided");
        }
    }
}
