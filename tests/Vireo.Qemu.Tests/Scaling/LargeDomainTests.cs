using System.Collections.Immutable;
using System.Globalization;
using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Tests.Disks;

namespace Vireo.Qemu.Tests.Scaling;

/// <summary>
/// The one-pass forms of libvirt's ordering and duplicate rules (kept linear for domains
/// with hundreds of devices) give the same results as the rules applied one element at a
/// time, and a domain with hundreds of disks and NICs gets its command line.
/// </summary>
public class LargeDomainTests
{
    private static readonly string[] Buses = ["virtio", "scsi", "sata", "usb"];

    [Fact]
    public void DiskInsertionOrder_MatchesInsertingOneDiskAtATime()
    {
        var random = new Random(8);
        for (var round = 0; round < 200; round++)
        {
            var disks = Enumerable.Range(0, random.Next(0, 40))
                .Select(i => new DiskDevice
                {
                    TargetDev = "sd" + (char)('a' + random.Next(0, 12)),
                    TargetBus = Buses[random.Next(Buses.Length)],
                    Source = new StorageSource { Path = "/img/" + i.ToString(CultureInfo.InvariantCulture) },
                })
                .ToList();

            var fast = DiskOrder.InsertionOrder(disks, d => d.TargetBus!, d => DiskOrder.TargetIndex(d.TargetDev));

            Assert.Equal(OneAtATime(disks), fast);
        }
    }

    [Fact]
    public void ControllerAddRange_EqualsRepeatedAdd()
    {
        var random = new Random(9);
        string[] types = ["pci", "usb", "scsi"];
        for (var round = 0; round < 100; round++)
        {
            ImmutableArray<DomainDevice> devices =
            [
                .. Enumerable.Range(0, random.Next(0, 8)).Select(i => (DomainDevice)new ControllerDevice { Type = types[random.Next(3)], Index = random.Next(0, 6) }),
                new GraphicsDevice { Type = "vnc" },
            ];
            var added = Enumerable.Range(0, random.Next(0, 10))
                .Select(_ => new ControllerDevice { Type = types[random.Next(3)], Index = random.Next(-1, 12) })
                .ToList();

            var oneByOne = devices;
            foreach (var c in added)
            {
                oneByOne = ControllerOrder.Add(oneByOne, c);
            }

            Assert.Equal(oneByOne, ControllerOrder.AddRange(devices, added));
        }
    }

    [Fact]
    public void DuplicateTarget_NamesTheFirstPairInLibvirtOrder()
    {
        // Ordered as libvirt inserts them: vda (a1), vda (a2), vdb (b1), vdb (b2).
        var ex = Assert.ThrowsAny<VireoException>(() => Prepare(Domain(
            "<disk type='file' device='disk'><source file='/b1'/><target dev='vdb' bus='virtio'/></disk>",
            "<disk type='file' device='disk'><source file='/a1'/><target dev='vda' bus='virtio'/></disk>",
            "<disk type='file' device='disk'><source file='/b2'/><target dev='vdb' bus='virtio'/></disk>",
            "<disk type='file' device='disk'><source file='/a2'/><target dev='vda' bus='virtio'/></disk>")));

        Assert.Contains("target 'vda' duplicated for disk sources '/a1' and '/a2'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateDriveAddress_AmongManyDisks_IsRefused()
    {
        var disks = Enumerable.Range(0, 300).Select(i => ScsiDisk(i, controller: 0, unit: i)).ToList();
        disks.Add(ScsiDisk(300, controller: 0, unit: 7));

        var ex = Assert.ThrowsAny<VireoException>(() => Prepare(Domain([.. disks])));

        Assert.Contains("Found duplicate drive address for disk with target name 'sdh' controller='0' bus='0' target='0' unit='7'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FiveHundredDisksAndOneHundredNics_GetACommandLine()
    {
        var devices = new List<string> { "<controller type='scsi' index='0' model='virtio-scsi'/>" };
        devices.AddRange(Enumerable.Range(0, 500).Select(i => ScsiDisk(i, controller: 0, unit: i)));
        devices.AddRange(Enumerable.Range(0, 100).Select(i => string.Create(
            CultureInfo.InvariantCulture,
            $"<interface type='network'><mac address='52:54:00:00:{i / 256:x2}:{i % 256:x2}'/><source network='default'/><model type='virtio'/></interface>")));
        var host = Host();
        var config = new DriverConfig();
        var def = QemuEngine.PostParse(DomainXmlParser.Parse(Domain([.. devices])), host, config);

        var cmd = QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { DomainId = 1 });
        var devicesArgs = cmd.Arguments.Where(a => a.StartsWith("{\"driver\":", StringComparison.Ordinal)).ToList();

        Assert.Equal(500, devicesArgs.Count(a => a.StartsWith("{\"driver\":\"scsi-hd\"", StringComparison.Ordinal)));
        Assert.Equal(100, devicesArgs.Count(a => a.StartsWith("{\"driver\":\"virtio-net-pci\"", StringComparison.Ordinal)));
        Assert.Contains(devicesArgs, a => a.Contains("\"id\":\"scsi0-0-0-499\"", StringComparison.Ordinal));
        Assert.Equal(1000, cmd.Arguments.Count(a => a == "-blockdev"));
    }

    private static List<DiskDevice> OneAtATime(List<DiskDevice> disks)
    {
        // libvirt's virDomainDiskInsert, one disk at a time, recomputing every key.
        var ordered = new List<DiskDevice>();
        foreach (var disk in disks)
        {
            var insertAt = -1;
            var index = DiskOrder.TargetIndex(disk.TargetDev);
            for (var i = ordered.Count - 1; i >= 0; i--)
            {
                if (ordered[i].TargetBus != disk.TargetBus)
                {
                    continue;
                }

                if (DiskOrder.TargetIndex(ordered[i].TargetDev) > index)
                {
                    insertAt = i;
                }
                else if (insertAt == -1)
                {
                    insertAt = i + 1;
                }
            }

            if (insertAt < 0 || insertAt >= ordered.Count)
            {
                ordered.Add(disk);
            }
            else
            {
                ordered.Insert(insertAt, disk);
            }
        }

        return ordered;
    }

    private static string ScsiDisk(int i, int controller, int unit) => string.Create(
        CultureInfo.InvariantCulture,
        $"<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='/img/d{i}.qcow2'/><target dev='sd{DiskNames.Suffix(i)}' bus='scsi'/><address type='drive' controller='{controller}' bus='0' target='0' unit='{unit}'/></disk>");

    private static string Domain(params string[] devices) =>
        "<domain type='kvm'><name>big</name><uuid>1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0</uuid><memory unit='GiB'>4</memory><vcpu>4</vcpu>"
        + "<os><type arch='x86_64' machine='q35'>hvm</type></os><devices>" + string.Concat(devices) + "</devices></domain>";

    private static void Prepare(string xml) => QemuEngine.PostParse(DomainXmlParser.Parse(xml), Host(), new DriverConfig());

    private static HostInfo Host()
    {
        var caps = EmbeddedSnapshots.For("x86_64")!;
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
        var guest = host.FindGuest("x86_64")!;
        return host with { CapabilitiesByEmulator = host.CapabilitiesByEmulator.SetItem(guest.Emulator, caps).SetItem(caps.Emulator, caps) };
    }
}
