using Vireo.Capabilities;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>The <c>&lt;devices&gt;</c> section.</summary>
public static partial class DomainCapabilitiesBuilder
{
    private static DomainCapsDevices BuildDevices(QemuCapabilities caps, string arch, string? machine, string virtType, DomainCapsOptions opts) => new()
    {
        Disk = Disk(caps, machine),
        Graphics = Section(LibvirtEnumOrder.Enum("type", Flagged(caps, DomainCapsFlagTables.GraphicsTypes), LibvirtEnumOrder.GraphicsType)),
        Video = Video(caps, arch, machine, virtType, opts),
        Hostdev = Hostdev(caps, opts),
        Rng = Rng(caps),
        Filesystem = Filesystem(caps),
        Tpm = Tpm(caps, opts),
        Redirdev = caps.Has("usb-redir")
            ? Section(LibvirtEnumOrder.Enum("bus", ["usb"], LibvirtEnumOrder.RedirdevBus))
            : DomainCapsSection.Unsupported,
        Channel = Section(LibvirtEnumOrder.Enum("type", caps.Has("spice") ? ["pty", "unix", "spicevmc"] : ["pty", "unix"], LibvirtEnumOrder.ChrType)),
        Crypto = opts.IncludePost90Sections ? Crypto(caps) : null,
    };

    private static DomainCapsSection Disk(QemuCapabilities caps, string? machine)
    {
        var devices = new List<string> { "disk", "cdrom", "lun" };
        var buses = new List<string> { "scsi", "virtio" };

        // PowerPC pSeries has no floppy controller.
        if (!Machine.IsPSeries(caps.Arch, machine))
        {
            devices.Add("floppy");
            buses.Add("fdc");
        }

        if (HasBuiltinIde(caps.Arch, machine))
        {
            buses.Add("ide");
        }

        if (caps.Has("usb-storage"))
        {
            buses.Add("usb");
        }

        if (caps.Has("ich9-ahci"))
        {
            buses.Add("sata");
        }

        var models = caps.Has("virtio-pci-non-transitional")
            ? new[] { "virtio", "virtio-transitional", "virtio-non-transitional" }
            : ["virtio"];
        return Section(
            LibvirtEnumOrder.Enum("diskDevice", devices, LibvirtEnumOrder.DiskDevice),
            LibvirtEnumOrder.Enum("bus", buses, LibvirtEnumOrder.DiskBus),
            LibvirtEnumOrder.Enum("model", models, LibvirtEnumOrder.DiskModel));
    }

    /// <summary>
    /// Machines with an IDE controller on board: i440FX PCs, MIPS Malta, SPARC sun4u, PowerMac G3.
    /// Source: libvirt src/qemu/qemu_domain.c qemuDomainMachineHasBuiltinIDE.
    /// </summary>
    private static bool HasBuiltinIde(string arch, string? machine) =>
        Machine.IsI440fx(arch, machine) || machine is "malta" or "sun4u" or "g3beige";

    private static DomainCapsSection Video(QemuCapabilities caps, string arch, string? machine, string virtType, DomainCapsOptions opts)
    {
        var models = Flagged(caps, DomainCapsFlagTables.VideoModels).Append("none");
        var modelType = LibvirtEnumOrder.Enum("modelType", models, LibvirtEnumOrder.VideoModel);
        if (opts.UsableVideoOnly)
        {
            modelType = UsableVideoFilter.Apply(modelType, arch, machine, virtType, opts.HostHasStage2ForcedWriteBack);
        }

        return Section(modelType);
    }

    private static DomainCapsSection Hostdev(QemuCapabilities caps, DomainCapsOptions opts)
    {
        var subsys = new List<string> { "pci", "scsi" };
        if (DomainCapsFlagTables.UsbControllers.Any(caps.Has))
        {
            subsys.Add("usb");
        }

        var backends = opts.ForcePciBackend || (opts.HostSupportsVfio && caps.Has("vfio-pci"))
            ? new[] { "default", "vfio" }
            : [];
        return Section(
            LibvirtEnumOrder.Enum("mode", ["subsystem"], LibvirtEnumOrder.HostdevMode),
            LibvirtEnumOrder.Enum("startupPolicy", ["default", "mandatory", "requisite", "optional"], LibvirtEnumOrder.StartupPolicy),
            LibvirtEnumOrder.Enum("subsysType", subsys, LibvirtEnumOrder.HostdevSubsysType),
            new DomainCapsEnum("capsType", []),
            LibvirtEnumOrder.Enum("pciBackend", backends, LibvirtEnumOrder.PciBackend));
    }

    private static DomainCapsSection Rng(QemuCapabilities caps)
    {
        var models = !caps.Has("virtio-rng") ? []
            : caps.Has("virtio-pci-non-transitional") ? new[] { "virtio", "virtio-transitional", "virtio-non-transitional" }
            : ["virtio"];
        return Section(
            LibvirtEnumOrder.Enum("model", models, LibvirtEnumOrder.RngModel),
            LibvirtEnumOrder.Enum("backendModel", Flagged(caps, DomainCapsFlagTables.RngBackends), LibvirtEnumOrder.RngBackend));
    }

    private static DomainCapsSection Filesystem(QemuCapabilities caps)
    {
        var drivers = new List<string> { "path", "handle" };
        if (caps.Has("vhost-user-fs"))
        {
            drivers.Add("virtiofs");
        }

        return Section(LibvirtEnumOrder.Enum("driverType", drivers, LibvirtEnumOrder.FsDriver));
    }

    private static DomainCapsSection Tpm(QemuCapabilities caps, DomainCapsOptions opts)
    {
        var models = Flagged(caps, DomainCapsFlagTables.TpmModels).ToList();

        // A TPM needs at least one frontend to be usable at all.
        if (models.Count == 0)
        {
            return DomainCapsSection.Unsupported;
        }

        var backends = new List<string>();
        if (caps.Has("tpm-passthrough"))
        {
            backends.Add("passthrough");
        }

        var enums = new List<DomainCapsEnum>
        {
            LibvirtEnumOrder.Enum("model", models, LibvirtEnumOrder.TpmModel),
        };
        if (opts.SwtpmVersions is { } versions)
        {
            if (caps.Has("tpm-emulator"))
            {
                backends.Add("emulator");
                backends.Add("external");
            }

            enums.Add(LibvirtEnumOrder.Enum("backendModel", backends, LibvirtEnumOrder.TpmBackend));
            var known = versions.Where(v => LibvirtEnumOrder.TpmVersion.Contains(v, StringComparer.Ordinal) && v != "default").ToList();
            if (known.Count > 0)
            {
                enums.Add(LibvirtEnumOrder.Enum("backendVersion", known, LibvirtEnumOrder.TpmVersion));
            }
        }
        else
        {
            enums.Add(LibvirtEnumOrder.Enum("backendModel", backends, LibvirtEnumOrder.TpmBackend));
        }

        return new DomainCapsSection { Supported = true, Enums = [.. enums] };
    }

    private static DomainCapsSection Crypto(QemuCapabilities caps) => Section(
        LibvirtEnumOrder.Enum("model", caps.Has("virtio-crypto") ? ["virtio"] : [], LibvirtEnumOrder.CryptoModel),
        LibvirtEnumOrder.Enum("type", ["qemu"], LibvirtEnumOrder.CryptoType),
        LibvirtEnumOrder.Enum("backendModel", caps.Has("cryptodev-backend-lkcf") ? ["builtin", "lkcf"] : ["builtin"], LibvirtEnumOrder.CryptoBackend));

    private static IEnumerable<string> Flagged(QemuCapabilities caps, IEnumerable<(string Flag, string Value)> table) =>
        table.Where(e => caps.Has(e.Flag)).Select(e => e.Value);

    private static DomainCapsSection Section(params DomainCapsEnum[] enums) => new() { Supported = true, Enums = [.. enums] };
}
