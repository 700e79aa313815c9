using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.Addressing;

/// <summary>PCI address assignment: a dry run to find the controllers needed, then the real pass.</summary>
public static partial class AddressAssigner
{
    // libvirt's order of device kinds for automatic PCI slots (qemuDomainAssignDevicePCISlots).
    private static readonly string[] PciKindOrder =
    [
        "pci-controller", "iommu", "filesystem", "interface", "sound", "controller", "disk", "hostdev", "memballoon", "rng",
        "watchdog", "video-primary", "video", "shmem", "input", "serial", "vsock", "crypto", "memory",
    ];

    private static DomainDefinition AssignPci(DomainDefinition def, PlatformContext p)
    {
        // Pass 1: dry run on a growable topology, to learn which buses are missing.
        // On a conventional PCI root (pc, not pSeries) libvirt counts the buses its own way:
        // missing indexes become pci-bridges, one spare slot is kept for a bridge before the
        // devices are placed, and added bridges find their slots only once all devices have
        // theirs (qemuDomainAssignPCIAddresses; counts checked against the reference libvirt).
        var legacyRoot = !p.HasPcieRoot && !p.IsPSeries;
        var dry = NewSet(def, p, dryRun: true, deferControllerSlots: legacyRoot);
        if (legacyRoot || p.IsPSeries)
        {
            // A PCI controller without a model is refused there, as the reference libvirt 9.0
            // does for <controller type='pci' index='1'/> on pc.
            var pciIndexes = def.DevicesOf<ControllerDevice>().Where(c => c.Type == "pci").Select(c => c.Index).ToHashSet();
            if (legacyRoot && def.DevicesOf<ControllerDevice>().Any(c => c is { Type: "pci", Model: null }))
            {
                throw new DomainConfigException(ErrorKind.InternalError, "PCI controller model was not set correctly");
            }

            // pSeries fills the gaps with more PHBs (reference output: a defined pci-root
            // index 2 gets an added pci-root index 1 after it).
            dry.FillMissingBuses(p.IsPSeries ? "pci-root" : "pci-bridge", pciIndexes);
        }

        var dryDevices = def.Devices.ToBuilder();
        ReserveExplicit(dryDevices, dry, p);
        ReserveChipset(dryDevices, p, dry);
        if (legacyRoot && !dry.AllBusesFull())
        {
            dry.TryReserveNext(PciConnect.PciBridge);
        }

        var anyAuto = false;
        foreach (var i in PciOrder(dryDevices, p))
        {
            if (IsUsbCompanion(dryDevices[i]))
            {
                continue;
            }

            dry.ReserveNext(PciDeviceNeeds.For(dryDevices[i], p));
            anyAuto = true;
        }

        // When the definition had no PCI controllers besides the root and automatic addressing
        // had to add some, leave a free hotpluggable PCIe port, adding a root port if none is
        // free (libvirt's qemuDomainAssignPCIAddresses: max_idx <= 0 && nbuses > max_idx + 1).
        var hotplug = PciConnect.PcieDevice | PciConnect.Hotpluggable;
        var maxIndex = def.DevicesOf<ControllerDevice>().Where(c => c.Type == "pci").Select(c => c.Index).DefaultIfEmpty(-1).Max();
        if (p.HasPcieRoot && anyAuto && maxIndex <= 0 && dry.Buses.Count > maxIndex + 1
            && !dry.Buses.Any(b => b is not null && b.Accepts2(hotplug) && b.HasFreeSlot()))
        {
            dry.ReserveNext(hotplug);
        }

        if (legacyRoot)
        {
            dry.ReserveAddedControllerSlots();
        }

        ControllerDevice Added(int index, string model)
        {
            // A grown pSeries root is another PHB (its target index is set once all are known).
            var phb = model == "pci-root" && p.IsPSeries;
            return new ControllerDevice
            {
                Type = "pci",
                Index = index,
                Model = model,
                ModelName = phb ? "spapr-pci-host-bridge" : null,
            };
        }

        // Controllers added here go after every existing one, in index order (libvirt appends
        // them: a defined pci-bridge index 5 stays before the added 1-4, reference libvirt 9.0).
        def = def with { Devices = def.Devices.AddRange(dry.Added.OrderBy(a => a.Index).Select(a => Added(a.Index, a.Model))) };

        // Pass 2: the real assignment on the complete topology.
        var set = NewSet(def, p, dryRun: false);
        var b = def.Devices.ToBuilder();
        var assigned = new HashSet<int>();
        ReserveExplicit(b, set, p);
        assigned.UnionWith(ReserveChipset(b, p, set));
        foreach (var i in PciOrder(b, p))
        {
            if (IsUsbCompanion(b[i]))
            {
                continue;
            }

            var needs = PciDeviceNeeds.For(b[i], p);
            var address = set.ReserveNext(needs);
            if (b[i] is ControllerDevice { Type: "usb", Model: "ich9-ehci1" } ehci)
            {
                PlaceEhciWithCompanions(b, set, ehci, address, assigned);
                continue;
            }

            b[i] = b[i].WithAddress(address);
            assigned.Add(i);
        }

        MarkMultifunction(b, assigned);
        SetControllerDefaults(b, p);
        return def with { Devices = b.ToImmutable() };
    }

    private static bool IsUsbCompanion(DomainDevice d) => d is ControllerDevice { Type: "usb", MasterStartPort: not null };

    /// <summary>
    /// An ICH9 EHCI takes function 7 of its slot and its UHCI companions functions 0–2
    /// (firstport 0/2/4), as on the real chipset.
    /// </summary>
    private static void PlaceEhciWithCompanions(ImmutableArray<DomainDevice>.Builder b, PciAddressSet set, ControllerDevice ehci, PciAddress slot, HashSet<int> assigned)
    {
        var masterIndex = b.IndexOf(ehci);
        var master = slot with { Function = 7 };
        set.Reserve(master);
        b[masterIndex] = ehci.WithAddress(master);
        assigned.Add(masterIndex);
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is ControllerDevice { Type: "usb", MasterStartPort: { } start, Info.Address: null } companion && companion.Index == ehci.Index)
            {
                var fn = start / 2;
                var addr = slot with { Function = fn, Multifunction = fn == 0 ? true : null };
                set.Reserve(addr);
                b[i] = companion.WithAddress(addr);
                assigned.Add(i);
            }
        }
    }

    private static PciAddressSet NewSet(DomainDefinition def, PlatformContext p, bool dryRun, bool deferControllerSlots = false)
    {
        string? Grow(PciConnect needs)
        {
            if ((needs & PciConnect.PcieDevice) != 0)
            {
                return "pcie-root-port";
            }

            if ((needs & PciConnect.PcieToPciBridge) != 0)
            {
                return "pcie-root-port";
            }

            if ((needs & PciConnect.PciDevice) != 0 || (needs & PciConnect.PciBridge) != 0)
            {
                // pSeries can have several PHBs, so libvirt grows it with another pci-root
                // (virDomainPCIAddressSetGrow, areMultipleRootsSupported).
                if (p.IsPSeries)
                {
                    return "pci-root";
                }

                if (!p.HasPcieRoot)
                {
                    return "pci-bridge";
                }

                return p.Has("pcie-pci-bridge") ? "pcie-to-pci-bridge" : (needs & PciConnect.PciBridge) != 0 ? "dmi-to-pci-bridge" : "pci-bridge";
            }

            return null;
        }

        var set = new PciAddressSet(dryRun, Grow, deferControllerSlots);
        foreach (var c in def.DevicesOf<ControllerDevice>().Where(c => c.Type == "pci" && c.Model is not null))
        {
            set.AddBus(c.Index, c.Model!);
        }

        return set;
    }

    /// <summary>Built-in chipset functions and the slots libvirt keeps for them; returns the devices it placed.</summary>
    private static List<int> ReserveChipset(ImmutableArray<DomainDevice>.Builder devices, PlatformContext p, PciAddressSet set)
    {
        var placed = new List<int>();
        if (p.IsI440fx)
        {
            // PIIX3: ISA bridge 1.0, IDE 1.1, UHCI 1.2, PM 1.3 — slot 1 belongs to the chipset.
            for (var i = 0; i < devices.Count; i++)
            {
                if (devices[i] is ControllerDevice { Type: "ide", Index: 0, Info.Address: null } ide)
                {
                    devices[i] = ide.WithAddress(new PciAddress(0, 0, 1, 1));
                    placed.Add(i);
                }
                else if (devices[i] is ControllerDevice { Type: "usb", Index: 0, Info.Address: null, Model: null or "piix3-uhci" } usb)
                {
                    devices[i] = usb.WithAddress(new PciAddress(0, 0, 1, 2));
                    placed.Add(i);
                }
            }

            set.Bus(0)?.ReserveSlot(1);
            PlacePrimaryVideo(devices, p, set, slot: 2, placed);
        }
        else if (p.IsQ35)
        {
            for (var i = 0; i < devices.Count; i++)
            {
                if (devices[i] is ControllerDevice { Type: "sata", Index: 0, Info.Address: null } sata)
                {
                    devices[i] = sata.WithAddress(new PciAddress(0, 0, 0x1f, 2));
                    placed.Add(i);
                }
            }

            set.Bus(0)?.ReserveSlot(0x1f);

            // The first ICH9 EHCI and its companions live at 00:1d as on real Q35 boards.
            if (devices.OfType<ControllerDevice>().FirstOrDefault(c => c is { Type: "usb", Index: 0, Model: "ich9-ehci1", Info.Address: null }) is { } ehci
                && set.Bus(0) is { } q35root && q35root.IsFree(0x1d))
            {
                var companions = new HashSet<int>();
                PlaceEhciWithCompanions(devices, set, ehci, new PciAddress(0, 0, 0x1d, 0), companions);
                placed.AddRange(companions);
            }

            PlacePrimaryVideo(devices, p, set, slot: 1, placed);

            // The DMI-to-PCI bridge sits where the real ICH9 has it: 00:1e.0.
            for (var i = 0; i < devices.Count; i++)
            {
                if (devices[i] is ControllerDevice { Type: "pci", Model: "dmi-to-pci-bridge", Info.Address: null } dmi)
                {
                    var want = new PciAddress(0, 0, 0x1e, 0);
                    if (set.Bus(0) is { } root && root.IsFree(0x1e))
                    {
                        set.Reserve(want);
                        devices[i] = dmi.WithAddress(want);
                        placed.Add(i);
                    }

                    break;
                }
            }
        }

        return placed;
    }

    private static void PlacePrimaryVideo(ImmutableArray<DomainDevice>.Builder devices, PlatformContext p, PciAddressSet set, int slot, List<int> placed)
    {
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is not VideoDevice v)
            {
                continue;
            }

            // Only the first (primary) video gets the chipset's VGA slot.
            if (v.Info.Address is null && PciDeviceNeeds.For(v, p) != PciConnect.None)
            {
                var want = new PciAddress(0, 0, slot, 0);
                if (!set.IsInUse(want) && set.Bus(0) is { } root && root.IsFree(slot))
                {
                    set.Reserve(want);
                    devices[i] = v.WithAddress(want);
                }
                else
                {
                    devices[i] = v.WithAddress(set.ReserveNext(PciDeviceNeeds.For(v, p)));
                }

                placed.Add(i);
            }

            return;
        }
    }

    private static void ReserveExplicit(ImmutableArray<DomainDevice>.Builder devices, PciAddressSet set, PlatformContext p)
    {
        foreach (var d in devices)
        {
            if (d.Info.Address is PciAddress a && !WantsPciAddress(d))
            {
                // An address on a bus nobody defined makes the dry run add the buses up to it
                // (libvirt's virDomainPCIAddressSetGrow with an address).
                set.GrowTo(a.Bus, PciDeviceNeeds.For(d, p));
                set.Reserve(a, d is ControllerDevice { Model: "pcie-root-port" });
            }
        }
    }

    /// <summary>
    /// A PCI address with no domain, bus or slot (e.g. a bare <c>&lt;address type='pci'/&gt;</c>)
    /// asks for an automatic one (libvirt's virDeviceInfoPCIAddressIsWanted).
    /// </summary>
    private static bool WantsPciAddress(DomainDevice d) =>
        d.Info.Address is PciAddress { Domain: 0, Bus: 0, Slot: 0 } && d is not ControllerDevice { Type: "pci" };

    /// <summary>Indexes of devices wanting an automatic PCI address, in libvirt's order.</summary>
    private static List<int> PciOrder(ImmutableArray<DomainDevice>.Builder devices, PlatformContext p)
    {
        var firstVideo = -1;
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is VideoDevice)
            {
                firstVideo = i;
                break;
            }
        }

        var result = new List<int>();
        foreach (var kind in PciKindOrder)
        {
            for (var i = 0; i < devices.Count; i++)
            {
                var d = devices[i];
                if ((d.Info.Address is not null && !WantsPciAddress(d)) || KindOf(d, i == firstVideo) != kind)
                {
                    continue;
                }

                if (PciDeviceNeeds.For(d, p) == PciConnect.None)
                {
                    continue;
                }

                result.Add(i);
            }
        }

        return result;
    }

    private static string KindOf(DomainDevice d, bool isFirstVideo) => d switch
    {
        ControllerDevice { Type: "pci" } => "pci-controller",
        InterfaceDevice { Type: "hostdev" } => "hostdev",
        VideoDevice => isFirstVideo ? "video-primary" : "video",
        _ => d.ElementName,
    };

    private static void MarkMultifunction(ImmutableArray<DomainDevice>.Builder devices, HashSet<int> assigned)
    {
        var used = new Dictionary<(int Bus, int Slot), int>();
        foreach (var d in devices)
        {
            if (d.Info.Address is PciAddress a)
            {
                used[(a.Bus, a.Slot)] = used.GetValueOrDefault((a.Bus, a.Slot)) | (1 << a.Function);
            }
        }

        foreach (var i in assigned)
        {
            if (devices[i].Info.Address is PciAddress { Function: 0, Multifunction: null } a && used[(a.Bus, a.Slot)] != 1
                && devices[i] is ControllerDevice { Type: "pci" })
            {
                devices[i] = devices[i].WithAddress(a with { Multifunction = true });
            }
        }
    }

    /// <summary>Root ports and bridges get their QEMU model name, chassis and port from their address.</summary>
    private static void SetControllerDefaults(ImmutableArray<DomainDevice>.Builder devices, PlatformContext p)
    {
        // A PHB without a target index takes the lowest one no controller uses, in list order
        // (libvirt 9.0: defined pci-root index 2 gets target 1, the added index 1 target 2).
        var usedTargets = devices.OfType<ControllerDevice>().Where(c => c.TargetIndex is not null).Select(c => c.TargetIndex!.Value).ToHashSet();
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is ControllerDevice { Type: "pci", Model: "pci-root", TargetIndex: null, ModelName: "spapr-pci-host-bridge" } phb)
            {
                var target = phb.Index == 0 ? 0 : 1;
                while (target > 0 && usedTargets.Contains(target))
                {
                    target++;
                }

                usedTargets.Add(target);
                devices[i] = phb with { TargetIndex = target };
            }
        }

        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is not ControllerDevice { Type: "pci" } c || c.Model is null or "pci-root" or "pcie-root")
            {
                continue;
            }

            var modelName = c.Model == "pcie-root-port" && !p.Has("pcie-root-port") && p.Has("ioh3420") ? "ioh3420" : PciControllerModels.QemuDevice(c.Model);
            c = c with { ModelName = c.ModelName ?? modelName };
            if (c.Model is "pcie-root-port" or "pcie-switch-downstream-port")
            {
                // Root ports number their port from slot and function; switch ports by slot.
                var port = c.Info.Address is PciAddress a ? (c.Model == "pcie-root-port" ? (a.Slot << 3) | a.Function : a.Slot) : 0;
                c = c with { TargetChassis = c.TargetChassis ?? c.Index, TargetPort = c.TargetPort ?? port };
            }
            else if (c.Model == "pci-bridge")
            {
                c = c with { TargetChassisNr = c.TargetChassisNr ?? c.Index };
            }

            devices[i] = c;
        }
    }
}
