using Vireo.Runtime.Hotplug;

namespace Vireo.Runtime.Tests.Hotplug;

public class CommandLineDevicesTests
{
    private static readonly string[] Args =
    [
        "-name", "guest=g",
        "-blockdev", """{"driver":"file","filename":"/b.qcow2","node-name":"libvirt-2-storage","auto-read-only":true}""",
        "-blockdev", """{"node-name":"libvirt-2-format","read-only":true,"driver":"qcow2","file":"libvirt-2-storage"}""",
        "-blockdev", """{"driver":"file","filename":"/a.qcow2","node-name":"libvirt-1-storage"}""",
        "-blockdev", """{"node-name":"libvirt-1-format","read-only":false,"driver":"qcow2","file":"libvirt-1-storage","backing":"libvirt-2-format"}""",
        "-object", """{"qom-type":"secret","id":"libvirt-1-format-encryption-secret0","data":"x"}""",
        "-device", """{"driver":"virtio-blk-pci","bus":"pci.2","addr":"0x0","drive":"libvirt-1-format","id":"virtio-disk0"}""",
        "-netdev", "user,id=hostnet0",
        "-device", """{"driver":"virtio-net-pci","netdev":"hostnet0","id":"net0","mac":"52:54:00:00:00:01"}""",
        "-chardev", "pty,id=charserial0",
        "-device", """{"driver":"usb-serial","chardev":"charserial0","id":"serial0"}""",
        "-S",
    ];

    [Fact]
    public void A_disk_takes_its_whole_chain_bottom_up_and_its_secrets()
    {
        var plug = CommandLineDevices.Plugs(Args)["virtio-disk0"];
        Assert.Equal(
            ["libvirt-2-storage", "libvirt-2-format", "libvirt-1-storage", "libvirt-1-format"],
            plug.BlockNodes.Select(b => CommandLineDevices.Str(b, "node-name")));
        Assert.Equal("libvirt-1-format-encryption-secret0", CommandLineDevices.Str(plug.Objects.Single(), "id"));
        var backends = CommandLineDevices.Backends(plug);
        Assert.Equal(["libvirt-1-format", "libvirt-1-storage", "libvirt-2-format", "libvirt-2-storage"], backends.BlockNodes);
    }

    [Fact]
    public void Key_value_netdevs_become_json()
    {
        var plug = CommandLineDevices.Plugs(Args)["net0"];
        Assert.Equal("""{"type":"user","id":"hostnet0"}""", plug.Netdevs.Single().ToJsonString());
        Assert.Equal(["hostnet0"], CommandLineDevices.Backends(plug).Netdevs);
    }

    [Fact]
    public void Chardev_users_are_flagged()
    {
        Assert.Equal(["charserial0"], CommandLineDevices.Plugs(Args)["serial0"].Chardevs);
    }

    [Fact]
    public void Node_numbers_move_past_those_in_use_and_references_follow()
    {
        var plug = CommandLineDevices.Plugs(Args)["virtio-disk0"];
        var moved = NodeNames.Renumber(plug, ["libvirt-1-format", "libvirt-1-storage", "libvirt-3-format", "libvirt-pflash0-format"]);
        Assert.Equal("libvirt-4-format", CommandLineDevices.Str(moved.Device, "drive"));
        Assert.Equal(
            ["libvirt-5-storage", "libvirt-5-format", "libvirt-4-storage", "libvirt-4-format"],
            moved.BlockNodes.Select(b => CommandLineDevices.Str(b, "node-name")));
        Assert.Equal("libvirt-5-format", CommandLineDevices.Str(moved.BlockNodes[3], "backing"));
        Assert.Equal("libvirt-4-storage", CommandLineDevices.Str(moved.BlockNodes[3], "file"));
        Assert.Equal("libvirt-4-format-encryption-secret0", CommandLineDevices.Str(moved.Objects[0], "id"));
    }

    [Fact]
    public void Free_node_numbers_are_kept()
    {
        var plug = CommandLineDevices.Plugs(Args)["virtio-disk0"];
        Assert.Same(plug, NodeNames.Renumber(plug, ["libvirt-7-format"]));
    }
}
