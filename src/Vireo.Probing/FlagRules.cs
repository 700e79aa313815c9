using System.Collections.Immutable;

namespace Vireo.Probing;

/// <summary>
/// How libvirt 9.0 turns QMP answers into its capability flag strings, as data: which
/// QOM type, command, property, schema path or command-line option witnesses which flag.
/// The flag strings are libvirt's; the tables cover the flags libvirt 9.0 still uses.
/// </summary>
internal static class FlagRules
{
    /// <summary><c>qom-list-types</c>: a type being present sets the flag.</summary>
    public static readonly ImmutableArray<(string Type, string Flag)> Types =
    [
        ("hda-duplex", "hda-duplex"),
        ("hda-micro", "hda-micro"),
        ("hda-output", "hda-output"),
        ("ccid-card-emulated", "ccid-emulated"),
        ("ccid-card-passthru", "ccid-passthru"),
        ("piix3-usb-uhci", "piix3-usb-uhci"),
        ("piix4-usb-uhci", "piix4-usb-uhci"),
        ("usb-ehci", "usb-ehci"),
        ("ich9-usb-ehci1", "ich9-usb-ehci1"),
        ("vt82c686b-usb-uhci", "vt82c686b-usb-uhci"),
        ("pci-ohci", "pci-ohci"),
        ("nec-usb-xhci", "nec-usb-xhci"),
        ("qemu-xhci", "qemu-xhci"),
        ("usb-redir", "usb-redir"),
        ("usb-hub", "usb-hub"),
        ("usb-kbd", "usb-kbd"),
        ("usb-audio", "usb-audio"),
        ("usb-serial", "usb-serial"),
        ("usb-storage", "usb-storage"),
        ("ich9-ahci", "ich9-ahci"),
        ("ich9-intel-hda", "ich9-intel-hda"),
        ("virtio-blk-ccw", "virtio-ccw"),
        ("sclpconsole", "s390-sclp"),
        ("sclplmconsole", "sclplmconsole"),
        ("lsi53c895a", "lsi"),
        ("virtio-scsi-pci", "virtio-scsi-pci"),
        ("virtio-scsi-ccw", "virtio-scsi-pci"),
        ("virtio-scsi-device", "virtio-scsi-pci"),
        ("megasas", "megasas"),
        ("mptsas1068", "mptsas1068"),
        ("pvscsi", "pvscsi"),
        ("dc390", "dc390"),
        ("am53c974", "am53c974"),
        ("scsi-block", "scsi-block"),
        ("vhost-scsi", "vhost-scsi"),
        ("qxl", "qxl"),
        ("VGA", "VGA"),
        ("cirrus-vga", "cirrus-vga"),
        ("vmware-svga", "vmware-svga"),
        ("bochs-display", "bochs-display"),
        ("ramfb", "ramfb"),
        ("virtio-gpu-pci", "virtio-gpu"),
        ("virtio-gpu-device", "virtio-gpu"),
        ("virtio-gpu-ccw", "virtio-gpu-ccw"),
        ("virtio-gpu-gl-pci", "virtio-gpu-gl-pci"),
        ("virtio-vga", "virtio-vga"),
        ("virtio-vga-gl", "virtio-vga-gl"),
        ("vhost-user-gpu", "vhost-user-gpu"),
        ("vhost-user-vga", "vhost-user-vga"),
        ("virtio-keyboard-device", "virtio-keyboard"),
        ("virtio-keyboard-pci", "virtio-keyboard"),
        ("virtio-mouse-device", "virtio-mouse"),
        ("virtio-mouse-pci", "virtio-mouse"),
        ("virtio-tablet-device", "virtio-tablet"),
        ("virtio-tablet-pci", "virtio-tablet"),
        ("virtio-input-host-device", "virtio-input-host"),
        ("virtio-input-host-pci", "virtio-input-host"),
        ("virtio-keyboard-ccw", "virtio-keyboard-ccw"),
        ("virtio-mouse-ccw", "virtio-mouse-ccw"),
        ("virtio-tablet-ccw", "virtio-tablet-ccw"),
        ("input-linux", "input-linux"),
        ("virtio-rng-pci", "virtio-rng"),
        ("virtio-rng-ccw", "virtio-rng"),
        ("virtio-rng-device", "virtio-rng"),
        ("rng-random", "rng-random"),
        ("rng-egd", "rng-egd"),
        ("rng-builtin", "rng-builtin"),
        ("spapr-nvram", "nvram"),
        ("spapr-vty", "spapr-vty"),
        ("spapr-pci-host-bridge", "spapr-pci-host-bridge"),
        ("spapr-tpm-proxy", "spapr-tpm-proxy"),
        ("tpm-spapr", "tpm-spapr"),
        ("pci-bridge", "pci-bridge"),
        ("pcie-pci-bridge", "pcie-pci-bridge"),
        ("i82801b11-bridge", "dmi-to-pci-bridge"),
        ("ioh3420", "ioh3420"),
        ("pcie-root-port", "pcie-root-port"),
        ("x3130-upstream", "x3130-upstream"),
        ("xio3130-downstream", "xio3130-downstream"),
        ("pxb", "pxb"),
        ("pxb-pcie", "pxb-pcie"),
        ("gpex-pcihost", "gpex-pcihost"),
        ("mch", "mch"),
        ("vfio-pci", "vfio-pci"),
        ("vfio-ccw", "vfio-ccw"),
        ("vfio-ap", "vfio-ap"),
        ("zpci", "zpci"),
        ("virtio-mmio", "virtio-mmio"),
        ("pvpanic", "pvpanic"),
        ("pc-dimm", "pc-dimm"),
        ("nvdimm", "nvdimm"),
        ("virtio-pmem-pci", "virtio-pmem-pci"),
        ("virtio-mem-pci", "virtio-mem-pci"),
        ("pci-serial", "pci-serial"),
        ("isa-serial", "isa-serial"),
        ("pl011", "pl011"),
        ("i8042", "i8042"),
        ("rtl8139", "rtl8139"),
        ("e1000", "e1000"),
        ("virtio-net-pci", "virtio-net"),
        ("virtio-net-ccw", "virtio-net"),
        ("virtio-net-device", "virtio-net"),
        ("intel-iommu", "intel-iommu"),
        ("virtio-iommu-pci", "virtio-iommu-pci"),
        ("ivshmem-plain", "ivshmem-plain"),
        ("ivshmem-doorbell", "ivshmem-doorbell"),
        ("vmcoreinfo", "vmcoreinfo"),
        ("vmgenid", "vmgenid"),
        ("vhost-vsock-device", "vhost-vsock"),
        ("vhost-user-fs-device", "vhost-user-fs"),
        ("vhost-user-blk", "vhost-user-blk"),
        ("pr-manager-helper", "pr-manager-helper"),
        ("sev-guest", "sev-guest"),
        ("s390-pv-guest", "s390-pv-guest"),
        ("sgx-epc", "sgx-epc"),
        ("memory-backend-memfd", "memory-backend-memfd"),
        ("thread-context", "thread-context"),
        ("max-x86_64-cpu", "x86-max-cpu"),
        ("max-arm-cpu", "arm-max-cpu"),
        ("dbus-vmstate", "dbus-vmstate"),
        ("iothread", "iothread"),
        ("tcg-accel", "tcg"),
        ("vmport", "machine-vmport-opt"),
        ("virtio-blk-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-blk-pci-non-transitional", "virtio-pci-non-transitional"),
        ("virtio-net-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-net-pci-non-transitional", "virtio-pci-non-transitional"),
        ("vhost-scsi-pci-transitional", "virtio-pci-non-transitional"),
        ("vhost-scsi-pci-non-transitional", "virtio-pci-non-transitional"),
        ("virtio-rng-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-rng-pci-non-transitional", "virtio-pci-non-transitional"),
        ("virtio-9p-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-9p-pci-non-transitional", "virtio-pci-non-transitional"),
        ("virtio-balloon-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-balloon-pci-non-transitional", "virtio-pci-non-transitional"),
        ("vhost-vsock-pci-transitional", "virtio-pci-non-transitional"),
        ("vhost-vsock-pci-non-transitional", "virtio-pci-non-transitional"),
        ("virtio-scsi-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-scsi-pci-non-transitional", "virtio-pci-non-transitional"),
        ("virtio-serial-pci-transitional", "virtio-pci-non-transitional"),
        ("virtio-serial-pci-non-transitional", "virtio-pci-non-transitional"),
    ];

    /// <summary><c>query-commands</c>: a command being available sets the flag.</summary>
    public static readonly ImmutableArray<(string Command, string Flag)> Commands =
    [
        ("query-vnc", "vnc"),
        ("rtc-reset-reinjection", "rtc-reset-reinjection"),
        ("query-hotpluggable-cpus", "query-hotpluggable-cpus"),
        ("query-cpu-model-expansion", "query-cpu-model-expansion"),
        ("query-cpu-definitions", "query-cpu-definitions"),
        ("query-cpu-model-baseline", "query-cpu-model-baseline"),
        ("query-cpu-model-comparison", "query-cpu-model-comparison"),
        ("block-export-add", "block-export-add"),
        ("blockdev-reopen", "blockdev-reopen"),
        ("set-action", "set-action"),
        ("query-dirty-rate", "query-dirty-rate"),
        ("calc-dirty-rate", "calc-dirty-rate"),
        ("sev-inject-launch-secret", "sev-inject-launch-secret"),
        ("query-stats", "query-stats"),
        ("query-stats-schemas", "query-stats-schemas"),
    ];

    /// <summary>
    /// <c>query-qmp-schema</c> paths (see <see cref="QapiSchema.PathExists"/> for the syntax):
    /// the path resolving sets the flag.
    /// </summary>
    public static readonly ImmutableArray<(string Path, string Flag)> SchemaPaths =
    [
        ("blockdev-add/arg-type/+vxhs", "vxhs"),
        ("blockdev-add/arg-type/+file/drop-cache", "migration-file-drop-cache"),
        ("blockdev-add/arg-type/+nvme", "drive-nvme"),
        ("blockdev-add/arg-type/+file/aio/^io_uring", "aio.io_uring"),
        ("blockdev-add/arg-type/+rbd/encrypt", "rbd-encryption"),
        ("blockdev-add/arg-type/+nbd/tls-hostname", "blockdev.nbd.tls-hostname"),
        ("blockdev-snapshot/$allow-write-only-overlay", "blockdev-snapshot.allow-write-only-overlay"),
        ("chardev-add/arg-type/backend/+socket/data/reconnect", "chardev-reconnect"),
        ("chardev-add/arg-type/backend/+qemu-vdagent", "chardev.qemu-vdagent"),
        ("device_add/$json-cli-hotplug", "device.json+hotplug"),
        ("migrate-set-parameters/arg-type/block-bitmap-mapping/bitmaps/transform", "migration-param.block-bitmap-mapping"),
        ("nbd-server-start/arg-type/tls-creds", "nbd-tls"),
        ("nbd-server-add/arg-type/bitmap", "nbd-bitmap"),
        ("netdev_add/arg-type/+vhost-vdpa", "netdev.vhost-vdpa"),
        ("netdev_add/arg-type/type/^dgram", "netdev.json"),
        ("netdev_add/arg-type/+stream", "netdev.stream"),
        ("object-add/arg-type/qom-type/^secret", "object.qapified"),
        ("object-add/arg-type/+sev-guest/kernel-hashes", "sev-guest-kernel-hashes"),
        ("object-add/arg-type/+iothread/thread-pool-max", "iothread.thread-pool-max"),
        ("query-display-options/ret-type/+egl-headless/rendernode", "egl-headless.rendernode"),
        ("query-display-options/ret-type/+sdl", "sdl"),
        ("query-display-options/ret-type/+egl-headless", "egl-headless"),
        ("query-display-options/ret-type/+dbus", "display-dbus"),
        ("query-hotpluggable-cpus/ret-type/props/die-id", "smp-dies"),
        ("query-named-block-nodes/arg-type/flat", "query-named-block-nodes.flat"),
        ("query-iothreads/ret-type/poll-max-ns", "iothread.poll-max-ns"),
        ("query-migrate/ret-type/blocked-reasons", "migration.blocked-reasons"),
        ("screendump/arg-type/device", "screendump_device"),
        ("screendump/arg-type/format/^png", "screenshot-format-png"),
        ("set-numa-node/arg-type/+hmat-lb", "numa.hmat"),
        ("calc-dirty-rate/arg-type/mode", "dirtyrate-param.mode"),
    ];

    /// <summary><c>device-list-properties</c>: a device having a property sets the flag.</summary>
    public static readonly ImmutableArray<PropertyRule> DeviceProperties =
    [
        new("virtio-blk-pci", null, [("scsi", "virtio-blk-pci.scsi"), ("queue-size", "virtio-blk.queue-size"), ("acpi-index", "acpi-index")]),
        new("virtio-net-pci", "virtio-net", [("acpi-index", "acpi-index"), ("rss", "virtio-net.rss")]),
        new("virtio-scsi-pci", "virtio-scsi-pci", [("acpi-index", "acpi-index")]),
        new("virtio-blk-ccw", "virtio-ccw", [("scsi", "virtio-blk-pci.scsi"), ("queue-size", "virtio-blk.queue-size"), ("acpi-index", "acpi-index")]),
        new("virtio-net-ccw", "virtio-net", [("acpi-index", "acpi-index"), ("rss", "virtio-net.rss")]),
        new("virtio-scsi-ccw", "virtio-scsi-pci", [("acpi-index", "acpi-index")]),
        new("vfio-pci", "vfio-pci", [("display", "vfio-pci.display")]),
        new("scsi-hd", null, [("channel", "scsi-disk.channel"), ("wwn", "scsi-disk.wwn"), ("rotation_rate", "rotation-rate")]),
        new("ide-hd", null, [("wwn", "ide-drive.wwn"), ("rotation_rate", "rotation-rate")]),
        new("PIIX4_PM", null, [("disable_s3", "disable-s3"), ("disable_s4", "disable-s4"), ("acpi-root-pci-hotplug", "piix4.acpi-root-pci-hotplug")]),
        new("usb-redir", "usb-redir", [("filter", "usb-redir.filter")]),
        new("usb-storage", "usb-storage", [("removable", "usb-storage.removable")]),
        new("kvm-pit", null, [("lost_tick_policy", "kvm-pit-lost-tick-policy")]),
        new("VGA", "VGA", [("vgamem_mb", "VGA.vgamem_mb")]),
        new("vmware-svga", "vmware-svga", [("vgamem_mb", "vmware-svga.vgamem_mb")]),
        new("qxl", "qxl", [("vgamem_mb", "qxl.vgamem_mb"), ("vram64_size_mb", "qxl.vram64_size_mb")]),
        new("virtio-gpu-pci", "virtio-gpu", [("virgl", "virtio-gpu.virgl"), ("acpi-index", "acpi-index")]),
        new("virtio-gpu-device", "virtio-gpu", [("virgl", "virtio-gpu.virgl"), ("acpi-index", "acpi-index")]),
        new("ICH9-LPC", null, [("disable_s3", "ich9-disable-s3"), ("disable_s4", "ich9-disable-s4")]),
        new("virtio-balloon-pci", null, [("deflate-on-oom", "virtio-balloon-pci.deflate-on-oom"), ("free-page-reporting", "virtio-balloon.free-page-reporting"), ("acpi-index", "acpi-index")]),
        new("virtio-balloon-ccw", null, [("deflate-on-oom", "virtio-balloon-pci.deflate-on-oom"), ("free-page-reporting", "virtio-balloon.free-page-reporting"), ("acpi-index", "acpi-index")]),
        new("virtio-balloon-device", null, [("deflate-on-oom", "virtio-balloon-pci.deflate-on-oom"), ("free-page-reporting", "virtio-balloon.free-page-reporting"), ("acpi-index", "acpi-index")]),
        new("intel-iommu", "intel-iommu", [("intremap", "intel-iommu.intremap"), ("caching-mode", "intel-iommu.caching-mode"), ("eim", "intel-iommu.eim"), ("device-iotlb", "intel-iommu.device-iotlb"), ("aw-bits", "intel-iommu.aw-bits")]),
        new("spapr-pci-host-bridge", "spapr-pci-host-bridge", [("numa_node", "spapr-pci-host-bridge.numa_node")]),
        new("virtio-gpu-ccw", "virtio-gpu-ccw", [("virgl", "virtio-gpu.virgl"), ("acpi-index", "acpi-index")]),
        new("mch", "mch", [("extended-tseg-mbytes", "mch.extended-tseg-mbytes")]),
        new("nvdimm", "nvdimm", [("unarmed", "nvdimm.unarmed")]),
        new("pcie-root-port", "pcie-root-port", [("hotplug", "pcie-root-port.hotplug")]),
        new("usb-host", null, [("hostdevice", "usb-host.hostdevice"), ("guest-resets-all", "usb-host.guest-resets-all")]),
        new("vhost-user-fs-device", "vhost-user-fs", [("bootindex", "vhost-user-fs.bootindex")]),
        new("virtio-mem-pci", "virtio-mem-pci", [("prealloc", "virtio-mem-pci.prealloc")]),
        new("virtio-iommu-pci", "virtio-iommu-pci", [("boot-bypass", "virtio-iommu.boot-bypass")]),
    ];

    /// <summary>
    /// Devices inspected for the probe's own record although no libvirt 9.0 flag depends on
    /// their properties (display and storage devices whose options matter to the engine).
    /// </summary>
    public static readonly ImmutableArray<string> ExtraDevices =
    [
        "virtio-vga", "qxl-vga", "bochs-display", "ramfb", "cirrus-vga", "virtio-gpu-gl-pci", "virtio-vga-gl",
    ];

    /// <summary><c>qom-list-properties</c> on non-device types.</summary>
    public static readonly ImmutableArray<PropertyRule> ObjectProperties =
    [
        new("memory-backend-file", null,
        [
            ("pmem", "memory-backend-file.pmem"),
            ("x-use-canonical-path-for-ramblock-id", "memory-backend-file.x-use-canonical-path-for-ramblock-id"),
            ("reserve", "memory-backend-file.reserve"),
            ("prealloc-threads", "memory-backend-file.prealloc-threads"),
        ]),
        new("memory-backend-memfd", "memory-backend-memfd", [("hugetlb", "memory-backend-memfd.hugetlb")]),
        new("max-x86_64-cpu", "x86-max-cpu", [("unavailable-features", "cpu-unavailable-features"), ("kvm-no-adjvtime", "cpu.kvm-no-adjvtime"), ("migratable", "cpu.migratable")]),
        new("max-arm-cpu", "arm-max-cpu", [("unavailable-features", "cpu-unavailable-features"), ("kvm-no-adjvtime", "cpu.kvm-no-adjvtime"), ("migratable", "cpu.migratable")]),
    ];

    /// <summary>
    /// <c>qom-list-properties</c> on machine types: the rule's type name is a machine name or
    /// alias; the QOM type inspected is <c>CANONICAL-machine</c>.
    /// </summary>
    public static readonly ImmutableArray<PropertyRule> MachineProperties =
    [
        new("pseries", null,
        [
            ("cap-hpt-max-page-size", "machine.pseries.cap-hpt-max-page-size"),
            ("cap-htm", "machine.pseries.cap-htm"),
            ("cap-nested-hv", "machine.pseries.cap-nested-hv"),
            ("cap-ccf-assist", "machine.pseries.cap-ccf-assist"),
            ("cap-cfpc", "machine.pseries.cap-cfpc"),
            ("cap-sbbc", "machine.pseries.cap-sbbc"),
            ("cap-ibs", "machine.pseries.cap-ibs"),
        ]),
        new("virt", null, [("iommu", "machine.virt.iommu")]),
        new("none", null, [("confidential-guest-support", "confidential-guest-support")]),
    ];

    /// <summary>
    /// <c>query-command-line-options</c>: option (and, when given, one of its parameters)
    /// being accepted sets the flag.
    /// </summary>
    public static readonly ImmutableArray<(string Option, string? Parameter, string Flag)> CommandLine =
    [
        ("fsdev", "multidevs", "fsdev.multidevs"),
        ("machine", "hpet", "machine-hpet"),
        ("sandbox", null, "seccomp-sandbox"),
        ("spice", null, "spice"),
        ("spice", "gl", "spice-gl"),
        ("spice", "rendernode", "spice-rendernode"),
        ("vnc", "power-control", "vnc-power-control"),
    ];

    /// <summary><c>query-migrate-capabilities</c>: a capability being listed sets the flag.</summary>
    public static readonly ImmutableArray<(string Capability, string Flag)> Migration =
    [
        ("rdma-pin-all", "migrate-rdma"),
    ];

    /// <summary><c>query-tpm-models</c>.</summary>
    public static readonly ImmutableArray<(string Model, string Flag)> TpmModels =
    [
        ("tpm-tis", "tpm-tis"),
        ("tpm-crb", "tpm-crb"),
        ("tpm-spapr", "tpm-spapr"),
    ];

    /// <summary><c>query-tpm-types</c>.</summary>
    public static readonly ImmutableArray<(string Type, string Flag)> TpmTypes =
    [
        ("passthrough", "tpm-passthrough"),
        ("emulator", "tpm-emulator"),
    ];

    /// <summary>Every flag string the rules can produce (tables, arch and version rules, derived flags).</summary>
    public static ImmutableSortedSet<string> AllFlags { get; } = CollectAllFlags();

    private static ImmutableSortedSet<string> CollectAllFlags()
    {
        var all = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        all.UnionWith(Types.Select(t => t.Flag));
        all.UnionWith(Commands.Select(t => t.Flag));
        all.UnionWith(SchemaPaths.Select(t => t.Flag));
        all.UnionWith(CommandLine.Select(t => t.Flag));
        all.UnionWith(Migration.Select(t => t.Flag));
        all.UnionWith(TpmModels.Select(t => t.Flag));
        all.UnionWith(TpmTypes.Select(t => t.Flag));
        foreach (var rule in DeviceProperties.Concat(ObjectProperties).Concat(MachineProperties))
        {
            all.UnionWith(rule.Properties.Select(p => p.Flag));
        }

        all.UnionWith(CapabilityDeriver.DerivedFlags);
        return all.ToImmutable();
    }
}
