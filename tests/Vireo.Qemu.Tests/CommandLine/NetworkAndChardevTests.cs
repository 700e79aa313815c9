using Vireo.Domain.Xml;
using Vireo.Qemu.Configuration;
using static Vireo.Qemu.Tests.Preparation.Validation.RuleHarness;

namespace Vireo.Qemu.Tests.CommandLine;

/// <summary>Network interfaces and character devices: backends, NIC properties, defaults.</summary>
public class NetworkAndChardevTests
{
    private static List<string> Args(string devices, string arch = "x86_64", string machine = "pc", params string[] flags)
    {
        var host = Host(arch, flags);
        var config = new DriverConfig();
        var def = PostParse(GuestXml(arch, machine, devices), host, config);
        var cmd = QemuEngine.BuildCommandLine(def, host, config, new LaunchContext { TestHarness = true, PassedListenFd = 1729 });
        return [.. cmd.Arguments];
    }

    private static string ValueOf(List<string> args, string option, string startsWith) =>
        args.Where((a, i) => i > 0 && args[i - 1] == option && a.StartsWith(startsWith, StringComparison.Ordinal)).Single();

    private static string Xml2Xml(string devices, string arch = "x86_64", string machine = "pc")
    {
        var def = PostParse(GuestXml(arch, machine, devices), Host(arch));
        return DomainXmlFormatter.Format(def);
    }

    [Fact]
    public void MultiqueueTap_PassesOneFdPerQueue_AndVectors()
    {
        var args = Args("<interface type='ethernet'><mac address='52:54:00:11:22:33'/><model type='virtio'/><driver queues='2'/></interface>");
        Assert.Equal("tap,fds=3:4,vhost=on,vhostfds=44:45,id=hostnet0", ValueOf(args, "-netdev", "tap"));
        Assert.Equal("virtio-net-pci,mq=on,vectors=6,netdev=hostnet0,id=net0,mac=52:54:00:11:22:33,bus=pci.0,addr=0x2", ValueOf(args, "-device", "virtio-net-pci"));
    }

    [Fact]
    public void VhostUserServer_WaitsForTheBackend()
    {
        var args = Args("<interface type='vhostuser'><mac address='52:54:00:11:22:33'/><source type='unix' path='/tmp/vu.sock' mode='server'/><model type='virtio'/></interface>");
        Assert.Equal("socket,id=charnet0,path=/tmp/vu.sock,server=on", ValueOf(args, "-chardev", "socket,id=charnet0"));
        Assert.Equal("vhost-user,chardev=charnet0,id=hostnet0", ValueOf(args, "-netdev", "vhost-user"));
    }

    [Fact]
    public void McastInterface_IsASocketNetdev()
    {
        var args = Args("<interface type='mcast'><mac address='52:54:00:11:22:33'/><source address='230.0.0.1' port='5558'/><model type='e1000'/></interface>");
        Assert.Equal("socket,mcast=230.0.0.1:5558,id=hostnet0", ValueOf(args, "-netdev", "socket"));
    }

    [Fact]
    public void InterfaceWithoutModelOrMac_GetsDefaults()
    {
        var xml = Xml2Xml("<interface type='user'/>");
        Assert.Contains("<mac address='52:54:00:", xml, StringComparison.Ordinal);
        Assert.Contains("<model type='rtl8139'/>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void FileSerialWithLog_PassesBothAsFdSets()
    {
        var args = Args("<serial type='file'><source path='/tmp/s.log'/><log file='/tmp/l.log'/></serial>", flags: "isa-serial");
        Assert.Equal("set=0,fd=1750,opaque=serial0-source", ValueOf(args, "-add-fd", "set=0"));
        Assert.Equal("set=1,fd=1751,opaque=serial0-log", ValueOf(args, "-add-fd", "set=1"));
        Assert.Equal("file,id=charserial0,path=/dev/fdset/0,append=on,logfile=/dev/fdset/1,logappend=on", ValueOf(args, "-chardev", "file"));
    }

    [Fact]
    public void SerialPort_GetsAStubSerialConsole()
    {
        var xml = Xml2Xml("<serial type='pty'/>");
        Assert.Contains("<console type='pty'>\n      <target type='serial' port='0'/>\n    </console>", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void FullVirtioSerialController_GetsACompanion()
    {
        var args = Args(
            "<controller type='virtio-serial' index='0' ports='2'/>" +
            "<channel type='pty'><target type='virtio' name='a'/></channel>" +
            "<channel type='pty'><target type='virtio' name='b'/></channel>",
            arch: "i686");
        Assert.Contains("virtserialport,bus=virtio-serial0.0,nr=1,chardev=charchannel0,id=channel0,name=a", args);
        Assert.Contains("virtserialport,bus=virtio-serial1.0,nr=1,chardev=charchannel1,id=channel1,name=b", args);
    }
}
