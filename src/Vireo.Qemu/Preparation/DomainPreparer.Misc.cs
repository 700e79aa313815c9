using System.Collections.Immutable;
using Vireo.Domain.Devices;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Defaults of smartcards, TPMs, watchdogs, panic notifiers, shared memory and vsock.</summary>
public static partial class DomainPreparer
{
    // ivshmem regions without a size get 4 MiB, the size QEMU's ivshmem always defaulted to.
    private const ulong DefaultShmemSize = 4UL << 20;

    private static TpmDevice TpmDefaultsFor(TpmDevice tpm, PlatformContext p)
    {
        var model = tpm.Model ?? (Machine.IsPpc64(p.Arch) ? "tpm-spapr" : "tpm-tis");
        var version = tpm.Version;
        if (tpm.BackendType == "emulator" && version is null)
        {
            // TPM 1.2 and 2.0 are not compatible: pick the one the device model implies.
            version = model is "tpm-spapr" or "tpm-crb" || p.IsArmVirt ? "2.0" : "1.2";
        }

        return tpm with { Model = model, Version = version };
    }

    private static PanicDevice PanicDefaultsFor(PanicDevice panic, PlatformContext p) =>
        panic.Model is not null ? panic : panic with { Model = p.IsPSeries ? "pseries" : p.IsS390 ? "s390" : "isa" };

    private static WatchdogDevice WatchdogDefaultsFor(WatchdogDevice w) => w with { Action = w.Action ?? "reset" };

    private static VsockDevice VsockDefaultsFor(VsockDevice v) => v with { Model = v.Model ?? "virtio" };

    private static ShmemDevice ShmemDefaultsFor(ShmemDevice s)
    {
        if (s.Model != "ivshmem-doorbell" && s.Size is null or 0)
        {
            s = s with { Size = DefaultShmemSize };
        }

        // With a server, the newer models always use MSI with ioeventfd unless told otherwise.
        if (s.Model != "ivshmem" && s.Server)
        {
            s = s with { Msi = true, MsiIoeventfd = s.MsiIoeventfd ?? "on" };
        }

        return s;
    }

    /// <summary>pSeries and s390 guests always have their firmware's panic notifier.</summary>
    private static ImmutableArray<DomainDevice> AddFirmwarePanic(ImmutableArray<DomainDevice> devices, PlatformContext p)
    {
        if (!p.IsS390Ccw && !p.IsPSeries)
        {
            return devices;
        }

        var model = p.IsS390Ccw ? "s390" : "pseries";
        if (devices.OfType<PanicDevice>().Any(d => d.Model is null || d.Model == model))
        {
            return devices;
        }

        return devices.Add(new PanicDevice { Model = model });
    }

    /// <summary>Smartcards without an address take the next CCID slot on controller 0.</summary>
    private static ImmutableArray<DomainDevice> AssignSmartcardSlots(ImmutableArray<DomainDevice> devices)
    {
        var b = devices.ToBuilder();
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is SmartcardDevice { Info.Address: null } card)
            {
                var max = b.OfType<SmartcardDevice>().Select(c => c.Info.Address).OfType<CcidAddress>().Where(a => a.Controller == 0).Select(a => a.Slot).DefaultIfEmpty(-1).Max();
                b[i] = card.WithAddress(new CcidAddress(0, max + 1));
            }
        }

        return b.ToImmutable();
    }
}
