using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Platform;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Addressing;

/// <summary>virtio-mmio transport for ARM boards (vexpress, virt without PCIe).</summary>
public static partial class AddressAssigner
{
    /// <summary>
    /// ARM vexpress/virt and RISC-V virt guests put virtio devices on virtio-mmio, unless the guest has a
    /// PCIe root and no device already asks for virtio-mmio, in which case virtio-pci is
    /// preferred (libvirt 9.0 qemuDomainAssignARMVirtioMMIOAddresses). Devices without an
    /// address get an (empty) virtio-mmio one; QEMU places them itself.
    /// </summary>
    private static DomainDefinition PrimeArmVirtioMmio(DomainDefinition def, PlatformContext p)
    {
        var arm = Machine.IsArm(p.Arch) && (p.Machine.StartsWith("vexpress-", StringComparison.Ordinal) || p.IsArmVirt);
        if (!arm && !p.IsRiscvVirt)
        {
            return def;
        }

        var hasPcieRoot = def.DevicesOf<ControllerDevice>().Any(c => c.Type == "pci" && c.Model == "pcie-root");
        var hasMmio = def.Devices.Any(d => d.Info.Address is OtherAddress { Type: "virtio-mmio" });
        if ((hasPcieRoot && !hasMmio) || !p.Has("virtio-mmio"))
        {
            return def;
        }

        var devices = def.Devices.ToBuilder();
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            if (d.Info.Address is null && IsVirtioDevice(d))
            {
                devices[i] = d.WithAddress(new OtherAddress("virtio-mmio", []));
            }
        }

        return def with { Devices = devices.ToImmutable() };
    }

    // Source: libvirt 9.0 qemu_domain_address.c qemuDomainPrimeVirtioDeviceAddresses — the
    // device kinds whose transport follows the machine's virtio choice.
    private static bool IsVirtioDevice(DomainDevice d) => d switch
    {
        DiskDevice disk => disk.TargetBus == "virtio",
        InterfaceDevice net => net.Model is "virtio" or "virtio-transitional" or "virtio-non-transitional",
        InputDevice input => input.Bus == "virtio",
        ControllerDevice c => c.Type == "virtio-serial" || (c.Type == "scsi" && c.Model == "virtio-scsi"),
        HostdevDevice h => h.Type == "scsi_host",
        MemballoonDevice m => m.Model == "virtio",
        RngDevice rng => rng.Model == "virtio",
        VideoDevice v => v.ModelType == "virtio",
        _ => false,
    };
}
