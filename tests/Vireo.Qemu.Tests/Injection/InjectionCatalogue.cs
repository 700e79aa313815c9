namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// Every XML-derived string the command-line builder emits, each with a small domain that
/// puts it on argv. <c>{V}</c> marks the value. Fields under <see cref="Legacy"/> caps take
/// the key=value syntax for -device/-object/-netdev; the others use the embedded QEMU 7.2
/// snapshot (JSON for those options, key=value for -chardev, -drive, -spice, -vnc, ...).
/// </summary>
internal static class InjectionCatalogue
{
    // libvirt fake-caps flags: without device.json/object.qapified/netdev.json, so -device,
    // -object and -netdev are written as key=value.
    private static readonly string[] Legacy = ["blockdev", "virtio-scsi-pci", "scsi-disk.wwn", "scsi-disk.vendor", "scsi-disk.product", "isa-serial", "virtio-serial", "virtserialport", "chardev-file-append", "chardev-logfile", "egl-headless", "egl-headless.rendernode", "spice", "vnc", "virtio-gpu", "virtio-gpu-gl-pci", "virtio-rng", "rng-random", "fsdev", "virtio-9p-pci", "smbios-type-fwcfg", "fw_cfg", "ivshmem-plain", "ivshmem-doorbell", "memory-backend-file", "tpm-passthrough", "tpm-tis", "input-linux", "audiodev", "nvdimm", "usb-redir", "ccid", "usb-ccid", "piix3-usb-uhci", "usb-hub"];

    // A listen address with ':' is an IPv6 one: QEMU wants it in brackets.
    private static IEnumerable<string> Bracketed(string v) => [v.Contains(':', StringComparison.Ordinal) ? "[" + v + "]" : v];

    // The domain name: trimmed, and shortened to 20 characters in the per-domain paths.
    private static IEnumerable<string> NameForms(string v)
    {
        var t = v.Trim();
        return [t, t.Length > 20 ? t[..20] : t];
    }

    // libvirt (and Vireo) write a disk serial with each space as "\ " (qemuBuildDiskDeviceProps).
    private static IEnumerable<string> SerialForms(string v) => [v.Replace(" ", "\\ ", StringComparison.Ordinal)];

    // A TPM passthrough device's cancel path is built from the device's file name.
    private static IEnumerable<string> CancelForms(string v) => [v[(v.LastIndexOf('/') + 1)..]];

    /// <summary>The catalogue.</summary>
    public static IReadOnlyList<InjectionField> All { get; } = Build();

    private static List<InjectionField> Build()
    {
        List<InjectionField> f =
        [
            new() { Name = "name", DomainName = "{V}", MustEscapeCommas = true, Covers = ["DomainDefinition.Name"], Derived = NameForms },

            // Disks: blockdev JSON (7.2) and -drive key=value (no blockdev).
            new() { Name = "disk/source/@file", Devices = "<disk type='file' device='disk'><source file='/var/img/{V}.raw'/><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true, Covers = ["StorageSource.Path", "DiskDevice.SourcePath"] },
            new() { Name = "disk/source/@file (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><source file='/var/img/{V}.raw'/><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true },
            new() { Name = "disk/source/@dev", Devices = "<disk type='block' device='disk'><source dev='/dev/{V}'/><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true },
            new() { Name = "disk cdrom/source/@file", Devices = "<disk type='file' device='cdrom'><source file='/iso/{V}.iso'/><target dev='hdc' bus='ide'/><readonly/></disk>", MustEscapeCommas = true },
            new() { Name = "disk/backingStore/source/@file", Devices = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/var/img/top.qcow2'/><backingStore type='file'><format type='raw'/><source file='/var/img/{V}.raw'/><backingStore/></backingStore><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true },
            new() { Name = "disk/serial", Devices = "<disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='vda' bus='virtio'/><serial>{V}</serial></disk>", Covers = ["DiskDevice.Serial"], Derived = SerialForms },
            new() { Name = "disk/serial (-device key=value)", LegacyFlags = Legacy, Devices = "<disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='vda' bus='virtio'/><serial>{V}</serial></disk>", Derived = SerialForms },
            new() { Name = "disk/serial (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='vda' bus='virtio'/><serial>{V}</serial></disk>", Derived = SerialForms },
            new() { Name = "disk/vendor", Devices = "<controller type='scsi' model='virtio-scsi'/><disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='sda' bus='scsi'/><vendor>{V}</vendor></disk>", TrimmedText = true, Covers = ["DiskDevice.Vendor"] },
            new() { Name = "disk/product", Devices = "<controller type='scsi' model='virtio-scsi'/><disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='sda' bus='scsi'/><product>{V}</product></disk>", TrimmedText = true, Covers = ["DiskDevice.Product"] },
            new() { Name = "disk/vendor (-device key=value)", LegacyFlags = Legacy, Devices = "<controller type='scsi' model='virtio-scsi'/><disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='sda' bus='scsi'/><vendor>{V}</vendor></disk>", TrimmedText = true },
            new() { Name = "disk/alias", Devices = "<disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='vda' bus='virtio'/><alias name='ua-{V}'/></disk>", DroppedLike = "!", Covers = ["DeviceInfo.Alias"] },
            new() { Name = "disk/alias (-device key=value)", LegacyFlags = Legacy, Devices = "<disk type='file' device='disk'><source file='/var/img/a.raw'/><target dev='vda' bus='virtio'/><alias name='ua-{V}'/></disk>", DroppedLike = "!" },
            new() { Name = "disk/source/@name (nbd)", Devices = "<disk type='network' device='disk'><source protocol='nbd' name='{V}'><host name='nbd.example' port='10809'/></source><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true },
            new() { Name = "disk/source/host/@name", Devices = "<disk type='network' device='disk'><source protocol='nbd' name='e'><host name='{V}' port='10809'/></source><target dev='vda' bus='virtio'/></disk>", Covers = ["StorageHost.Name"] },
            new() { Name = "disk/source/host/@socket", Devices = "<disk type='network' device='disk'><source protocol='nbd' name='e'><host transport='unix' socket='/run/{V}.sock'/></source><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true, Covers = ["StorageHost.Socket"] },
            new() { Name = "disk/source/@name (nbd -drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='network' device='disk'><source protocol='nbd' name='{V}'><host name='nbd.example' port='10809'/></source><target dev='vda' bus='virtio'/></disk>" },
            new() { Name = "disk/source/@name (http)", Devices = "<disk type='network' device='cdrom'><source protocol='http' name='/iso/{V}.iso'><host name='www.example' port='80'/></source><target dev='hdc' bus='ide'/><readonly/></disk>" },
            new() { Name = "disk/source/@query (http)", Devices = "<disk type='network' device='cdrom'><source protocol='http' name='/a.iso' query='{V}'><host name='www.example' port='80'/></source><target dev='hdc' bus='ide'/><readonly/></disk>", Covers = ["StorageSource.Query"] },
            new() { Name = "disk/source/@name (iscsi)", Devices = "<disk type='network' device='disk'><source protocol='iscsi' name='iqn.2013-07.com.example:{V}/1'><host name='iscsi.example' port='3260'/></source><target dev='vda' bus='virtio'/></disk>" },
            new() { Name = "disk/source/initiator/iqn", Devices = "<disk type='network' device='disk'><source protocol='iscsi' name='iqn.2013-07.com.example:t/1'><host name='iscsi.example' port='3260'/><initiator><iqn name='{V}'/></initiator></source><target dev='vda' bus='virtio'/></disk>", Covers = ["StorageSource.InitiatorIqn"] },
            new() { Name = "disk/source/@name (rbd)", Devices = "<disk type='network' device='disk'><source protocol='rbd' name='pool/{V}'><host name='mon.example' port='6789'/></source><target dev='vda' bus='virtio'/></disk>" },
            new() { Name = "disk/source/config/@file (rbd)", Devices = "<disk type='network' device='disk'><source protocol='rbd' name='pool/img'><config file='/etc/ceph/{V}.conf'/><host name='mon.example' port='6789'/></source><target dev='vda' bus='virtio'/></disk>", Covers = ["StorageSource.ConfigFile"] },
            new() { Name = "disk/source/@name (gluster)", Devices = "<disk type='network' device='disk'><source protocol='gluster' name='vol/{V}'><host name='gl.example' port='24007'/></source><target dev='vda' bus='virtio'/></disk>" },
            new() { Name = "disk/source/@name (ssh)", Devices = "<disk type='network' device='disk'><source protocol='ssh' name='/img/{V}'><host name='ssh.example' port='22'/></source><target dev='vda' bus='virtio'/></disk>" },
            new() { Name = "disk/auth/@username", Devices = "<disk type='network' device='disk'><source protocol='rbd' name='pool/img'><host name='mon.example' port='6789'/><auth username='{V}'><secret type='ceph' uuid='0a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></auth></source><target dev='vda' bus='virtio'/></disk>", Covers = ["StorageAuth.Username"] },
            new() { Name = "disk/source/@dir (vvfat)", Devices = "<disk type='dir' device='floppy'><driver name='qemu' type='fat'/><source dir='/srv/{V}'/><target dev='fda' bus='fdc'/><readonly/></disk>" },
            new() { Name = "disk/source/vhostuser/@path", Extra = "<memoryBacking><access mode='shared'/></memoryBacking>", Devices = "<disk type='vhostuser' device='disk'><driver name='qemu' type='raw'/><source type='unix' path='/run/{V}.sock'><reconnect enabled='yes' timeout='10'/></source><target dev='vda' bus='virtio'/></disk>", MustEscapeCommas = true, Covers = ["StorageSource.VhostUserPath"] },

            // Character devices: -chardev is key=value in every QEMU.
            new() { Name = "serial/source/@path (file)", Devices = "<serial type='file'><source path='/var/log/{V}.log'/></serial>", MustEscapeCommas = true },
            new() { Name = "serial/source/@path (dev)", Devices = "<serial type='dev'><source path='/dev/{V}'/></serial>", MustEscapeCommas = true },
            new() { Name = "serial/source/@path (pipe)", Devices = "<serial type='pipe'><source path='/run/{V}'/></serial>", MustEscapeCommas = true },
            new() { Name = "serial/source/@path (unix)", Devices = "<serial type='unix'><source mode='connect' path='/run/{V}.sock'/></serial>", MustEscapeCommas = true },
            new() { Name = "serial/source/@host (tcp)", Devices = "<serial type='tcp'><source mode='connect' host='{V}' service='4555'/><protocol type='raw'/></serial>" },
            new() { Name = "serial/source/@service (tcp)", Devices = "<serial type='tcp'><source mode='connect' host='127.0.0.1' service='{V}'/><protocol type='raw'/></serial>" },
            new() { Name = "serial/source/@host (udp)", Devices = "<serial type='udp'><source mode='bind' host='0.0.0.0' service='9999'/><source mode='connect' host='{V}' service='9998'/></serial>" },
            new() { Name = "serial/source/reconnect/@timeout", Devices = "<serial type='tcp'><source mode='connect' host='127.0.0.1' service='4555'><reconnect enabled='yes' timeout='{V}'/></source><protocol type='raw'/></serial>", Probe = "10" },
            new() { Name = "serial/log/@file", Devices = "<serial type='pty'><log file='/var/log/{V}.log'/></serial>", MustEscapeCommas = true, Covers = ["ChardevDevice.Log"] },
            new() { Name = "serial/alias", Devices = "<serial type='pty'><alias name='ua-{V}'/></serial>", DroppedLike = "!" },
            new() { Name = "channel/target/@name (virtio)", Devices = "<channel type='unix'><target type='virtio' name='org.example.{V}'/></channel>", MustEscapeCommas = true, Covers = ["ChardevDevice.TargetName"] },
            new() { Name = "channel/target/@name (key=value)", LegacyFlags = Legacy, Devices = "<channel type='unix'><target type='virtio' name='org.example.{V}'/></channel>" },
            new() { Name = "channel/source/@channel (spiceport)", Devices = "<graphics type='spice'/><channel type='spiceport'><source channel='org.example.{V}'/><target type='virtio' name='org.example.c'/></channel>" },
            new() { Name = "channel/source/@channel (dbus)", Devices = "<graphics type='dbus'/><channel type='dbus'><source channel='org.example.{V}'/><target type='virtio' name='org.example.c'/></channel>" },
            new() { Name = "channel guestfwd/source/@path", Devices = "<channel type='unix'><source mode='connect' path='/run/{V}.sock'/><target type='guestfwd' address='10.0.2.1' port='4600'/></channel>" },

            // Networks.
            new() { Name = "interface/source/@path (vhostuser)", Devices = "<interface type='vhostuser'><mac address='52:54:00:11:22:33'/><source type='unix' path='/run/{V}.sock' mode='server'/><model type='virtio'/></interface>", MustEscapeCommas = true, Covers = ["InterfaceSource.Path"] },
            new() { Name = "interface/source/@address (mcast)", Devices = "<interface type='mcast'><mac address='52:54:00:11:22:33'/><source address='{V}' port='5558'/><model type='e1000'/></interface>", Covers = ["InterfaceSource.Address"] },
            new() { Name = "interface/source/@address (mcast key=value)", LegacyFlags = Legacy, Devices = "<interface type='mcast'><mac address='52:54:00:11:22:33'/><source address='{V}' port='5558'/><model type='e1000'/></interface>" },
            new() { Name = "interface/source/local/@address (udp)", Devices = "<interface type='udp'><mac address='52:54:00:11:22:33'/><source address='192.168.1.1' port='5558'><local address='{V}' port='5559'/></source><model type='e1000'/></interface>", Covers = ["InterfaceSource.LocalAddress"] },
            new() { Name = "interface/model/@type", Devices = "<interface type='user'><mac address='52:54:00:11:22:33'/><model type='{V}'/></interface>", Probe = "e1000", Covers = ["InterfaceDevice.Model"] },
            new() { Name = "interface/mac/@address", Devices = "<interface type='user'><mac address='{V}'/><model type='e1000'/></interface>", Probe = "52:54:00:11:22:33", Covers = ["InterfaceDevice.Mac"] },
            new() { Name = "interface/alias (netdev key=value)", LegacyFlags = Legacy, Devices = "<interface type='user'><mac address='52:54:00:11:22:33'/><model type='e1000'/><alias name='ua-{V}'/></interface>", DroppedLike = "!" },

            // Graphics and video.
            new() { Name = "graphics vnc/listen/@address", Devices = "<graphics type='vnc' port='5900' autoport='no'><listen type='address' address='{V}'/></graphics>", Derived = Bracketed, Covers = ["GraphicsListen.Address"] },
            new() { Name = "graphics vnc/listen/@socket", Devices = "<graphics type='vnc'><listen type='socket' socket='/run/{V}.sock'/></graphics>", MustEscapeCommas = true, Covers = ["GraphicsListen.Socket"] },
            new() { Name = "graphics vnc/@keymap", Devices = "<graphics type='vnc' port='5900' autoport='no' keymap='{V}'/>", Probe = "en-us", Covers = ["GraphicsDevice.Keymap"] },
            new() { Name = "graphics spice/listen/@address", Devices = "<graphics type='spice' port='5903' autoport='no'><listen type='address' address='{V}'/></graphics>", Derived = Bracketed },
            new() { Name = "graphics spice/listen/@socket", Devices = "<graphics type='spice'><listen type='socket' socket='/run/{V}.sock'/></graphics>", MustEscapeCommas = true },
            new() { Name = "graphics spice/gl/@rendernode", Devices = "<graphics type='spice'><listen type='none'/><gl enable='yes' rendernode='/dev/dri/{V}'/></graphics><video><model type='virtio'/></video>", Covers = ["GraphicsDevice.GlRendernode"] },
            new() { Name = "graphics egl-headless/gl/@rendernode", Devices = "<graphics type='egl-headless'><gl rendernode='/dev/dri/{V}'/></graphics><video><model type='virtio'/></video>", MustEscapeCommas = true },
            new() { Name = "graphics dbus/@address", Devices = "<graphics type='dbus' address='unix:path=/run/{V}'/>", Covers = ["GraphicsDevice.DbusAddress"] },
            new() { Name = "graphics dbus/gl/@rendernode", Devices = "<graphics type='dbus'><gl enable='yes' rendernode='/dev/dri/{V}'/></graphics><video><model type='virtio'/></video>" },
            new() { Name = "video/model/@type", Devices = "<video><model type='{V}'/></video>", Probe = "cirrus", Covers = ["VideoDevice.ModelType"] },

            // Filesystems.
            new() { Name = "filesystem/source/@dir", Devices = "<filesystem type='mount' accessmode='passthrough'><source dir='/srv/{V}'/><target dir='tag'/></filesystem>", MustEscapeCommas = true, Covers = ["FilesystemDevice.SourcePath"] },
            new() { Name = "filesystem/target/@dir", Devices = "<filesystem type='mount' accessmode='passthrough'><source dir='/srv/share'/><target dir='{V}'/></filesystem>", Covers = ["FilesystemDevice.TargetDir"] },
            new() { Name = "filesystem/target/@dir (key=value)", LegacyFlags = Legacy, Devices = "<filesystem type='mount' accessmode='passthrough'><source dir='/srv/share'/><target dir='{V}'/></filesystem>" },
            new() { Name = "filesystem/source/@socket (virtiofs)", Extra = "<memoryBacking><access mode='shared'/></memoryBacking>", Devices = "<filesystem type='mount'><driver type='virtiofs'/><source socket='/run/{V}.sock'/><target dir='tag'/></filesystem>", MustEscapeCommas = true, Covers = ["FilesystemDevice.SourceSocket"] },

            // Firmware, kernel, SMBIOS, fw_cfg.
            new() { Name = "os/kernel", Os = "<kernel>/boot/{V}</kernel>", TrimmedText = true, Covers = ["OsConfig.Kernel"] },
            new() { Name = "os/initrd", Os = "<kernel>/boot/vmlinuz</kernel><initrd>/boot/{V}</initrd>", TrimmedText = true, Covers = ["OsConfig.Initrd"] },
            new() { Name = "os/cmdline", Os = "<kernel>/boot/vmlinuz</kernel><cmdline>{V}</cmdline>", TrimmedText = true, Covers = ["OsConfig.Cmdline"] },
            new() { Name = "os/dtb", Os = "<kernel>/boot/vmlinuz</kernel><dtb>/boot/{V}.dtb</dtb>", TrimmedText = true, Covers = ["OsConfig.Dtb"] },
            new() { Name = "os/loader (rom)", Os = "<loader type='rom'>/usr/share/{V}.bin</loader>", TrimmedText = true, Covers = ["LoaderConfig.Path"] },
            new() { Name = "os/loader (pflash)", Extra = "<features><acpi/></features>", TrimmedText = true, Os = "<loader readonly='yes' type='pflash'>/usr/share/{V}_CODE.fd</loader><nvram>/var/lib/nvram/g_VARS.fd</nvram>", Machine = "q35" },
            new() { Name = "os/nvram", Extra = "<features><acpi/></features>", TrimmedText = true, Os = "<loader readonly='yes' type='pflash'>/usr/share/OVMF_CODE.fd</loader><nvram>/var/lib/nvram/{V}.fd</nvram>", Machine = "q35", Covers = ["NvramConfig.Path"] },
            new() { Name = "os/acpi/table", Os = "<acpi><table type='slic'>/var/lib/{V}.dat</table></acpi>", TrimmedText = true },
            new() { Name = "sysinfo/bios/entry", Os = "<smbios mode='sysinfo'/>", Extra = "<sysinfo type='smbios'><bios><entry name='vendor'>{V}</entry></bios></sysinfo>", TrimmedText = true },
            new() { Name = "sysinfo/system/entry[manufacturer]", Os = "<smbios mode='sysinfo'/>", Extra = "<sysinfo type='smbios'><system><entry name='manufacturer'>{V}</entry></system></sysinfo>" },
            new() { Name = "sysinfo/system/entry[serial]", Os = "<smbios mode='sysinfo'/>", Extra = "<sysinfo type='smbios'><system><entry name='serial'>{V}</entry></system></sysinfo>" },
            new() { Name = "sysinfo/baseBoard/entry[product]", Os = "<smbios mode='sysinfo'/>", Extra = "<sysinfo type='smbios'><baseBoard><entry name='product'>{V}</entry></baseBoard></sysinfo>" },
            new() { Name = "sysinfo/chassis/entry[asset]", Os = "<smbios mode='sysinfo'/>", Extra = "<sysinfo type='smbios'><chassis><entry name='asset'>{V}</entry></chassis></sysinfo>" },
            new() { Name = "sysinfo/oemStrings/entry", Os = "<smbios mode='sysinfo'/>", Extra = "<sysinfo type='smbios'><oemStrings><entry>{V}</entry></oemStrings></sysinfo>" },
            new() { Name = "sysinfo fwcfg/entry/@name", Extra = "<sysinfo type='fwcfg'><entry name='opt/com.example/{V}'>x</entry></sysinfo>" },
            new() { Name = "sysinfo fwcfg/entry (value)", Extra = "<sysinfo type='fwcfg'><entry name='opt/com.example/a'>{V}</entry></sysinfo>" },
            new() { Name = "sysinfo fwcfg/entry/@file", Extra = "<sysinfo type='fwcfg'><entry name='opt/com.example/a' file='/etc/{V}'/></sysinfo>" },

            // CPU.
            new() { Name = "cpu/model", Extra = "<cpu mode='custom' match='exact'><model fallback='forbid'>{V}</model></cpu>", TrimmedText = true, Probe = "Haswell", Covers = ["CpuConfig.Model"] },
            new() { Name = "cpu/vendor_id", Extra = "<cpu mode='custom' match='exact'><model fallback='allow' vendor_id='{V}'>qemu64</model></cpu>", Probe = "GenuineIntel", Covers = ["CpuConfig.ModelVendorId"] },
            new() { Name = "cpu/feature/@name", Extra = "<cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model><feature policy='require' name='{V}'/></cpu>", Probe = "pcid", Covers = ["CpuFeature.Name"] },
            new() { Name = "features/hyperv/vendor_id", Extra = "<features><hyperv mode='custom'><vendor_id state='on' value='{V}'/></hyperv></features>", Probe = "KVMKVM" },

            // Other devices.
            new() { Name = "tpm/backend/device/@path", Devices = "<tpm model='tpm-tis'><backend type='passthrough'><device path='/dev/{V}'/></backend></tpm>", MustEscapeCommas = true, Derived = CancelForms, Covers = ["TpmDevice.DevicePath"] },
            new() { Name = "rng/backend (random)", Devices = "<rng model='virtio'><backend model='random'>/dev/{V}</backend></rng>", TrimmedText = true, Covers = ["RngDevice.RandomPath"] },
            new() { Name = "rng/backend (random key=value)", LegacyFlags = Legacy, Devices = "<rng model='virtio'><backend model='random'>/dev/{V}</backend></rng>", TrimmedText = true },
            new() { Name = "rng/backend/source/@path (egd)", Devices = "<rng model='virtio'><backend model='egd' type='unix'><source mode='connect' path='/run/{V}.sock'/></backend></rng>" },
            new() { Name = "shmem/@name", Devices = "<shmem name='{V}'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>", Covers = ["ShmemDevice.Name"] },
            new() { Name = "shmem/@name (key=value)", LegacyFlags = Legacy, Devices = "<shmem name='{V}'><model type='ivshmem-plain'/><size unit='M'>4</size></shmem>" },
            new() { Name = "shmem/server/@path", Devices = "<shmem name='s'><model type='ivshmem-doorbell'/><server path='/run/{V}.sock'/></shmem>", Covers = ["ShmemDevice.ServerPath"] },
            new() { Name = "memory nvdimm/source/path", Extra = "<maxMemory slots='4' unit='KiB'>1099511627776</maxMemory><cpu><numa><cell id='0' cpus='0' memory='219136' unit='KiB'/></numa></cpu>", Devices = "<memory model='nvdimm'><source><path>/var/lib/{V}.img</path></source><target><size unit='KiB'>523264</size><node>0</node></target></memory>", Covers = ["MemoryDeviceConfig.Path"] },
            new() { Name = "input evdev/source/@dev", Devices = "<input type='evdev'><source dev='/dev/input/{V}'/></input>", Covers = ["InputDevice.Source"] },
            new() { Name = "input passthrough/source/@evdev", Devices = "<input type='passthrough' bus='virtio'><source evdev='/dev/input/{V}'/></input>" },
            new() { Name = "hostdev mdev/source/address/@uuid", Devices = "<hostdev mode='subsystem' type='mdev' model='vfio-pci'><source><address uuid='{V}'/></source></hostdev>", Probe = "c2177883-f1bb-47f0-914d-32a22e3a8804", Covers = ["HostdevDevice.SourceMdevUuid"] },
            new() { Name = "smartcard host-certificates/certificate", Devices = "<smartcard mode='host-certificates'><certificate>{V}</certificate><certificate>c2</certificate><certificate>c3</certificate><database>/etc/pki/nssdb</database></smartcard>", Covers = ["SmartcardDevice.Certificates"] },
            new() { Name = "smartcard host-certificates/database", Devices = "<smartcard mode='host-certificates'><certificate>c1</certificate><certificate>c2</certificate><certificate>c3</certificate><database>/etc/{V}</database></smartcard>", Covers = ["SmartcardDevice.Database"] },
            new() { Name = "audio file/@path", Devices = "<audio id='1' type='file' path='/var/lib/{V}.wav'/><sound model='ich9'><audio id='1'/></sound>" },
            new() { Name = "audio pulseaudio/@serverName", Devices = "<audio id='1' type='pulseaudio' serverName='{V}'/><sound model='ich9'><audio id='1'/></sound>" },
            // Values from fixed lists, fuzzed anyway: whatever the parser lets through must stay one value.
            new() { Name = "graphics vnc/@sharePolicy", Devices = "<graphics type='vnc' port='5900' autoport='no' sharePolicy='{V}'/>", Probe = "force-shared", Covers = ["GraphicsDevice.SharePolicy"] },
            new() { Name = "graphics spice/channel/@name", Devices = "<graphics type='spice' port='5903' autoport='no'><channel name='{V}' mode='insecure'/></graphics>", Probe = "inputs", Covers = ["GraphicsDevice.SpiceChildren"] },
            new() { Name = "graphics spice/image/@compression", Devices = "<graphics type='spice' port='5903' autoport='no'><image compression='{V}'/></graphics>", Probe = "auto_glz" },
            new() { Name = "graphics spice/streaming/@mode", Devices = "<graphics type='spice' port='5903' autoport='no'><streaming mode='{V}'/></graphics>", Probe = "filter" },
            new() { Name = "disk/driver/@type", Devices = "<disk type='file' device='disk'><driver name='qemu' type='{V}'/><source file='/var/img/a.img'/><target dev='vda' bus='virtio'/></disk>", Probe = "qcow2", Covers = ["DiskDevice.Format", "StorageSource.Format"] },
            new() { Name = "disk/driver/@io (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><driver name='qemu' type='raw' io='{V}'/><source file='/var/img/a.img'/><target dev='vda' bus='virtio'/></disk>", Probe = "threads", Covers = ["DiskDriverOptions.Io"] },
            new() { Name = "disk/driver/@discard (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><driver name='qemu' type='raw' discard='{V}'/><source file='/var/img/a.img'/><target dev='vda' bus='virtio'/></disk>", Probe = "unmap", Covers = ["DiskDriverOptions.Discard"] },
            new() { Name = "disk/driver/@error_policy (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><driver name='qemu' type='raw' error_policy='{V}'/><source file='/var/img/a.img'/><target dev='vda' bus='virtio'/></disk>", Probe = "report", Covers = ["DiskDriverOptions.ErrorPolicy"] },
            new() { Name = "disk/driver/@rerror_policy (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><driver name='qemu' type='raw' rerror_policy='{V}'/><source file='/var/img/a.img'/><target dev='vda' bus='virtio'/></disk>", Probe = "report", Covers = ["DiskDriverOptions.RerrorPolicy"] },
            new() { Name = "disk/driver/@detect_zeroes (-drive)", LegacyFlags = ["virtio-blk-pci"], Devices = "<disk type='file' device='disk'><driver name='qemu' type='raw' detect_zeroes='{V}'/><source file='/var/img/a.img'/><target dev='vda' bus='virtio'/></disk>", Probe = "unmap", Covers = ["DiskDriverOptions.DetectZeroes"] },
            new() { Name = "watchdog/@action", Devices = "<watchdog model='i6300esb' action='{V}'/>", Probe = "poweroff", Covers = ["WatchdogDevice.Action"] },
            new() { Name = "clock/@offset", Extra = "<clock offset='{V}'/>", Probe = "localtime", Covers = ["ClockConfig.Offset"] },
            new() { Name = "filesystem/driver/@wrpolicy", Devices = "<filesystem type='mount' accessmode='passthrough'><driver type='path' wrpolicy='{V}'/><source dir='/srv/share'/><target dir='tag'/></filesystem>", Probe = "immediate", Covers = ["FilesystemDevice.WritePolicy"] },
            new() { Name = "filesystem/@multidevs", Devices = "<filesystem type='mount' accessmode='passthrough' multidevs='{V}'><source dir='/srv/share'/><target dir='tag'/></filesystem>", Probe = "remap", Covers = ["FilesystemDevice.Multidevs"] },
            new() { Name = "os/bootmenu/@timeout", Os = "<bootmenu enable='yes' timeout='{V}'/>", Probe = "3456", Covers = ["OsConfig.BootMenuTimeout"] },
            new() { Name = "os/bios/@rebootTimeout", Os = "<bios rebootTimeout='{V}'/>", Probe = "4567", Covers = ["OsConfig.BiosRebootTimeout"] },
            new() { Name = "controller/model/@name", Machine = "q35", Devices = "<controller type='pci' index='1' model='pcie-root-port'><model name='{V}'/></controller>", Probe = "ioh3420", Covers = ["ControllerDevice.ModelName"] },
            new() { Name = "controller/model/@name (key=value)", Machine = "q35", LegacyFlags = ["ioh3420", "pcie-root-port"], Devices = "<controller type='pci' index='1' model='pcie-root-port'><model name='{V}'/></controller>", Probe = "ioh3420" },
        ];
        return f;
    }
}
