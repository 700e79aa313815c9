using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>The <c>&lt;cpu&gt;</c> section: passthrough, maximum, host-model and custom modes.</summary>
public static partial class DomainCapabilitiesBuilder
{
    // Features libvirt never passes to QEMU, dropped when the host CPU is copied into the
    // host-model CPU. Source: qemu_capabilities.c virQEMUCapsCPUFilterFeatures (x86 only).
    private static readonly ImmutableArray<string> X86FilteredHostFeatures = ["cmt", "mbm_total", "mbm_local", "osxsave", "ospke"];

    private static readonly ImmutableArray<string> OnOff = ["on", "off"];

    private static DomainCapsCpu BuildCpu(QemuCapabilities caps, HostInfo host, Accelerator accel, string arch, string? machine)
    {
        var accelerated = accel != Accelerator.Tcg;
        var native = GuestIsNative(host.Arch, caps.Arch);
        var restricted = IsS390HostPassthroughOnly(caps, accel, machine);

        var cpu = new DomainCapsCpu();
        if (accelerated && native)
        {
            var values = caps.Has("cpu.migratable") ? OnOff : ["off"];
            cpu = cpu with
            {
                HostPassthrough = true,
                HostPassthroughMigratable = LibvirtEnumOrder.Enum("hostPassthroughMigratable", values, LibvirtEnumOrder.TristateSwitch),
            };
        }

        if (!restricted && caps.Has("cpu-max"))
        {
            cpu = cpu with
            {
                Maximum = true,
                MaximumMigratable = LibvirtEnumOrder.Enum("maximumMigratable", OnOff, LibvirtEnumOrder.TristateSwitch),
            };
        }

        if (!restricted && native)
        {
            cpu = cpu with { HostModel = HostModel(caps, host, accel) };
        }

        var offered = caps.CpuModelsFor(accel).ToList();
        if (!restricted && offered.Count > 0 && CpuModelCatalog.HasDriver(arch))
        {
            var known = CpuModelCatalog.KnownModels(arch);
            cpu = cpu with
            {
                CustomModels =
                [
                    .. offered
                        .Where(m => m.Name != "host" && (known is null || known.Contains(m.Name)))
                        .Select(m => new DomainCapsCustomModel
                        {
                            Name = m.Name,
                            Usable = m.Usable switch { true => "yes", false => "no", null => "unknown" },
                            Deprecated = m.Deprecated,
                            Vendor = CpuModelCatalog.VendorFor(arch, m.Name),
                            Blockers = m.Blockers,
                        }),
                ],
            };
        }

        return cpu;
    }

    /// <summary>
    /// libvirt's virQEMUCapsInitHostCPUModel (reported CPU): s390 takes QEMU's expansion
    /// as is, x86 decodes it against the CPU map, ARM has none, and everything else (or x86
    /// without an expansion) copies the host CPU.
    /// </summary>
    private static DomainCapsHostModel? HostModel(QemuCapabilities caps, HostInfo host, Accelerator accel)
    {
        caps.HostCpus.TryGetValue(accel, out var expansion);
        if (Machine.IsS390(caps.Arch))
        {
            return expansion is null ? null : S390HostModel(expansion);
        }

        if (Machine.IsArm(caps.Arch))
        {
            return null;
        }

        if (Machine.IsX86(caps.Arch) && expansion is not null)
        {
            return X86HostModelDecoder.Decode(expansion, [.. caps.CpuModelsFor(accel)]);
        }

        return CopiedHostModel(caps.Arch, host.Cpu);
    }

    private static DomainCapsHostModel S390HostModel(HostCpuModel expansion) => new()
    {
        Model = expansion.Model,
        Fallback = "forbid",
        Features =
        [
            .. expansion.Properties
                .Where(p => p.Type == "boolean")
                .Select(p => new DomainCapsCpuFeature(p.Value == "true" ? "require" : "disable", p.Name)),
        ],
    };

    private static DomainCapsHostModel? CopiedHostModel(string arch, HostCpu? hostCpu)
    {
        if (hostCpu?.Model is not { } model)
        {
            return null;
        }

        var features = hostCpu.Features.AsEnumerable();
        if (Machine.IsX86(arch))
        {
            features = features.Where(f => !X86FilteredHostFeatures.Contains(f, StringComparer.Ordinal));
        }

        return new DomainCapsHostModel
        {
            Model = model,
            Fallback = "allow",
            Vendor = hostCpu.Vendor,
            Features = [.. features.Select(f => new DomainCapsCpuFeature("require", f))],
        };
    }
}
