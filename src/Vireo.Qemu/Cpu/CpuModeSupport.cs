using Vireo.Capabilities;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Cpu;

/// <summary>Which CPU modes a QEMU binary supports for a domain (libvirt virQEMUCapsIsCPUModeSupported).</summary>
internal static class CpuModeSupport
{
    // Source: libvirt 9.0 qemu_capabilities.c virQEMUCapsIsCPUModeSupported — s390 KVM machine
    // types older than 2.8 predate CPU models, so only host-passthrough works there.
    private static readonly string[] S390MachinesWithoutCpuModels =
    [
        "s390-virtio", "s390-ccw-virtio-2.4", "s390-ccw-virtio-2.5", "s390-ccw-virtio-2.6", "s390-ccw-virtio-2.7",
    ];

    /// <summary>Whether <paramref name="mode"/> is usable for this binary, accelerator and machine.</summary>
    public static bool IsSupported(QemuCapabilities caps, string arch, Accelerator accel, string mode, string? machine, HostCpuModelSource hostModels)
    {
        if (Machine.IsS390(arch) && accel == Accelerator.Kvm && mode != "host-passthrough"
            && machine is not null && Array.IndexOf(S390MachinesWithoutCpuModels, machine) >= 0)
        {
            return false;
        }

        return mode switch
        {
            "host-passthrough" => accel is Accelerator.Kvm or Accelerator.Hvf,
            "host-model" => hostModels.Reported(accel) is not null,
            "maximum" => caps.Has("cpu-max") || caps.OffersCpuModel(accel, "max"),
            _ => caps.OffersCpuModel(accel),
        };
    }

    /// <summary>
    /// The CPU model QEMU uses by default for a machine: the name of the binary's CPU model
    /// whose QOM type is the machine's default CPU type (null when none).
    /// </summary>
    public static string? DefaultModel(QemuCapabilities caps, string machine, Accelerator accel)
    {
        var typeName = caps.FindMachine(machine, accel)?.DefaultCpu;
        if (typeName is null)
        {
            return null;
        }

        foreach (var m in caps.CpuModelsFor(accel))
        {
            if (m.TypeName == typeName)
            {
                return m.Name;
            }
        }

        return null;
    }
}
