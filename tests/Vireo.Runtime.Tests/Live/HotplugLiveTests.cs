using Vireo.Domain.Devices;
using Vireo.Runtime.Control;
using Vireo.Runtime.Hotplug;
using Vireo.Runtime.Launch;
using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;
using static Vireo.Runtime.Tests.Live.LiveGuest;

namespace Vireo.Runtime.Tests.Live;

/// <summary>Hot-plug into real running guests.</summary>
[Collection(QemuCollection.Name)]
public class HotplugLiveTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_disk_hot_plugged_into_a_running_aarch64_guest_shows_up_in_query_block_and_unplugs()
    {
        var options = await Aarch64Async();
        using var temp = new TempState();
        await StartAsync(temp, Domains.Aarch64Virt("hp"), options);
        var image = Disk(temp, "vdb.img");
        var hotplug = new HotplugOptions { Host = options.Host, FirmwareDirectories = options.FirmwareDirectories };

        var attached = await DeviceHotplug.AttachAsync(temp.State, "hp", DiskXml(image, "vdb"), hotplug, Ct);
        output.WriteLine(string.Join("\n", attached.Commands));
        Assert.Equal("virtio-disk1", attached.Alias);
        Assert.Equal("virtio-blk-pci", attached.Driver);
        Assert.Equal(2, Assert.IsType<PciAddress>(attached.Address).Bus); // the spare root port, as libvirt leaves one

        var block = await GuestControl.QmpAsync(temp.State, "hp", "query-block", null, null, Ct);
        var entry = block.EnumerateArray().Single(b => b.GetProperty("qdev").GetString()!.Contains("virtio-disk1", StringComparison.Ordinal));
        Assert.Equal(image, entry.GetProperty("inserted").GetProperty("file").GetString());

        // The live definition records it, with its address and alias.
        var paths = temp.State.Paths("hp");
        var live = LiveDefinition.Parse(DomainStore.ReadLiveXml(paths));
        var disk = live.DevicesOf<DiskDevice>().Single(d => d.TargetDev == "vdb");
        Assert.Equal("virtio-disk1", disk.Info.Alias);
        Assert.Equal(attached.Address, disk.Info.Address);
        Assert.Equal(["libvirt-1-format", "libvirt-1-storage"], DomainStore.ReadRecord(paths)!.Backends["virtio-disk1"].BlockNodes);

        // No hot-pluggable slot is left: the next disk would need a new root port.
        var full = await Assert.ThrowsAsync<RuntimeException>(() => DeviceHotplug.AttachAsync(temp.State, "hp", DiskXml(Disk(temp, "vdc.img"), "vdc"), hotplug, Ct));
        Assert.Contains("new <controller type='pci' model='pcie-root-port'> (no free hot-pluggable PCI slot is left)", full.Message);

        var video = await Assert.ThrowsAsync<RuntimeException>(() => DeviceHotplug.AttachAsync(temp.State, "hp", "<video><model type='vga'/></video>", hotplug, Ct));
        Assert.Contains("video devices cannot be hot-plugged", video.Message);

        var detached = await DeviceHotplug.DetachAsync(temp.State, "hp", DiskXml(image, "vdb"), hotplug with { DetachTimeout = TimeSpan.FromSeconds(30) }, Ct);
        Assert.Equal("virtio-disk1", detached.Alias);
        block = await GuestControl.QmpAsync(temp.State, "hp", "query-named-block-nodes", null, null, Ct);
        Assert.DoesNotContain(block.EnumerateArray(), n => n.GetProperty("node-name").GetString()!.StartsWith("libvirt-1-", StringComparison.Ordinal));
        Assert.DoesNotContain(LiveDefinition.Parse(DomainStore.ReadLiveXml(paths)).DevicesOf<DiskDevice>(), d => d.TargetDev == "vdb");

        // The slot is free again, and the node names QEMU still knows are not reused.
        var again = await DeviceHotplug.AttachAsync(temp.State, "hp", DiskXml(Disk(temp, "vdc.img"), "vdc"), hotplug, Ct);
        Assert.Equal("virtio-disk2", again.Alias);

        await GuestControl.DestroyAsync(temp.State, "hp", null, Ct);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task A_NIC_and_a_USB_tablet_hot_plug_into_a_pc_guest_next_to_a_disk_present_at_start()
    {
        var options = await X86Async();
        using var temp = new TempState();
        var boot = Disk(temp, "boot.img");
        await StartAsync(temp, Domains.X86("pcg", extra: "<features><acpi/></features>", extraDevices: DiskXml(boot, "vda") + "<interface type='user'><mac address='52:54:00:00:00:01'/><model type='e1000'/></interface>"), options);
        var hotplug = new HotplugOptions { Host = options.Host };

        var nic = await DeviceHotplug.AttachAsync(temp.State, "pcg", "<interface type='user'><mac address='52:54:00:00:00:02'/><model type='virtio'/></interface>", hotplug, Ct);
        Assert.Equal("net1", nic.Alias); // net0 is taken by the NIC present at start
        Assert.Equal(0, Assert.IsType<PciAddress>(nic.Address).Bus); // pci-root of 'pc' takes hot-plug (ACPI)

        var tablet = await DeviceHotplug.AttachAsync(temp.State, "pcg", "<input type='tablet' bus='usb'/>", hotplug, Ct);
        Assert.Equal("usb-tablet", tablet.Driver);

        var disk = await DeviceHotplug.AttachAsync(temp.State, "pcg", DiskXml(Disk(temp, "extra.img"), "vdb"), hotplug, Ct);
        output.WriteLine(string.Join("\n", disk.Commands));
        var block = await GuestControl.QmpAsync(temp.State, "pcg", "query-block", null, null, Ct);
        var files = block.EnumerateArray().Where(b => b.TryGetProperty("inserted", out _)).Select(b => b.GetProperty("inserted").GetProperty("file").GetString()).ToList();
        Assert.Contains(boot, files);
        Assert.Contains(Path.Combine(temp.Root, "extra.img"), files);

        var network = await GuestControl.QmpAsync(temp.State, "pcg", "human-monitor-command", new System.Text.Json.Nodes.JsonObject { ["command-line"] = "info network" }, null, Ct);
        Assert.Contains("52:54:00:00:00:02", network.GetString());

        var pciDisk = await Assert.ThrowsAsync<RuntimeException>(() => DeviceHotplug.AttachAsync(temp.State, "pcg",
            "<disk type='file' device='disk'><source file='/x'/><target dev='sdb' bus='sata'/></disk>", hotplug, Ct));
        Assert.Contains("'sata' bus cannot be hot-plugged", pciDisk.Message);

        await GuestControl.DestroyAsync(temp.State, "pcg", null, Ct);
        temp.AssertNothingLeft();
    }

    [Fact]
    public async Task A_device_addressed_on_pcie_root_is_refused()
    {
        var options = await X86Async();
        using var temp = new TempState();
        await StartAsync(temp, Domains.X86("q", machine: "q35"), options);
        var xml = "<interface type='user'><model type='virtio'/><address type='pci' domain='0x0000' bus='0x00' slot='0x0a' function='0x0'/></interface>";
        var ex = await Assert.ThrowsAsync<RuntimeException>(() => DeviceHotplug.AttachAsync(temp.State, "q", xml, new HotplugOptions { Host = options.Host }, Ct));
        Assert.Contains("(pcie-root) cannot take hot-plugged devices", ex.Message);
        await GuestControl.DestroyAsync(temp.State, "q", null, Ct);
        temp.AssertNothingLeft();
    }

    internal static string DiskXml(string image, string target) => $"""
        <disk type='file' device='disk'>
          <driver name='qemu' type='raw'/>
          <source file='{image}'/>
          <target dev='{target}' bus='virtio'/>
        </disk>
        """;

    internal static string Disk(TempState temp, string name)
    {
        var path = Path.Combine(temp.Root, name);
        using (var f = File.Create(path))
        {
            f.SetLength(16 * 1024 * 1024);
        }

        return path;
    }
}
