using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Tests.CommandLine;

namespace Vireo.Qemu.Tests.Disks;

/// <summary>
/// Disk mechanisms on small domains of our own: block node numbering, backing chains,
/// storage slices, secrets, fd groups, the order of disks and the XML round trip.
/// </summary>
public class DiskCommandLineTests
{
    private const string Head = """
        <domain type='qemu'>
          <name>d</name>
          <uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>
          <memory>219136</memory>
          <vcpu>1</vcpu>
          <os><type arch='x86_64' machine='pc'>hvm</type></os>
          <devices>
            <emulator>/usr/bin/qemu-system-x86_64</emulator>
        """;

    private const string Tail = """
            <memballoon model='none'/>
          </devices>
        </domain>
        """;

    [Fact]
    public void NodeNames_CountDownOverDisksAndUpAlongChains()
    {
        var args = Build("""
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/a.qcow2'/>
              <backingStore type='file'>
                <format type='qcow2'/>
                <source file='/a-base.qcow2'/>
                <backingStore/>
              </backingStore>
              <target dev='vda' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <source file='/b.raw'/>
              <target dev='vdb' bus='virtio'/>
            </disk>
            """);

        var blockdevs = Values(args, "-blockdev");
        Assert.Equal(6, blockdevs.Count);

        // The last disk is prepared first; a chain is numbered from its top image down
        // and put on the command line from the bottom up.
        Assert.Contains("\"node-name\":\"libvirt-3-storage\"", blockdevs[0], StringComparison.Ordinal);
        Assert.Contains("\"filename\":\"/a-base.qcow2\"", blockdevs[0], StringComparison.Ordinal);
        Assert.Contains("\"read-only\":true", blockdevs[1], StringComparison.Ordinal);
        Assert.Contains("\"backing\":null", blockdevs[1], StringComparison.Ordinal);
        Assert.Contains("\"backing\":\"libvirt-3-format\"", blockdevs[3], StringComparison.Ordinal);
        Assert.Contains("\"node-name\":\"libvirt-1-storage\"", blockdevs[4], StringComparison.Ordinal);

        // A chain that is not described gets no "backing" at all.
        Assert.DoesNotContain("backing", blockdevs[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Disks_AreOrderedByBusAndTargetIndex()
    {
        var def = DomainXmlParser.Parse(Head + """
            <disk type='file' device='disk'><source file='/c'/><target dev='hdc'/></disk>
            <disk type='file' device='disk'><source file='/v'/><target dev='vda'/></disk>
            <disk type='file' device='disk'><source file='/a'/><target dev='hda'/></disk>
            """ + Tail);

        Assert.Equal(["hda", "hdc", "vda"], def.DevicesOf<DiskDevice>().Select(d => d.TargetDev!).ToArray());
    }

    [Fact]
    public void StorageSlice_OnRawIsOffsetAndSize_OnOtherFormatsIsALayer()
    {
        var args = Build("""
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw'/>
              <source file='/r'><slices><slice type='storage' offset='512' size='1024'/></slices></source>
              <target dev='vda' bus='virtio'/>
            </disk>
            <disk type='file' device='disk'>
              <driver name='qemu' type='qcow2'/>
              <source file='/q'><slices><slice type='storage' offset='4096' size='8192'/></slices></source>
              <target dev='vdb' bus='virtio'/>
            </disk>
            """);

        var blockdevs = Values(args, "-blockdev");
        Assert.Contains("\"driver\":\"raw\",\"offset\":512,\"size\":1024,\"file\":\"libvirt-2-storage\"", blockdevs[1], StringComparison.Ordinal);
        Assert.Equal("{\"driver\":\"raw\",\"node-name\":\"libvirt-1-slice-sto\",\"offset\":4096,\"size\":8192,\"file\":\"libvirt-1-storage\",\"auto-read-only\":true,\"discard\":\"unmap\"}", blockdevs[3]);
        Assert.Contains("\"file\":\"libvirt-1-slice-sto\"", blockdevs[4], StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkAuthAndLuks_GetEncryptedSecretObjects()
    {
        var args = Build("""
            <disk type='network' device='disk'>
              <driver name='qemu' type='raw'/>
              <source protocol='iscsi' name='iqn.2023-01.org.example:t'>
                <host name='h.example'/>
                <auth username='u'><secret type='iscsi' uuid='11111111-2222-3333-4444-555555555555'/></auth>
                <encryption format='luks'><secret type='passphrase' uuid='66666666-7777-8888-9999-000000000000'/></encryption>
              </source>
              <target dev='vda' bus='virtio'/>
            </disk>
            """);

        var objects = Values(args, "-object");
        Assert.Contains(objects, o => o.Contains("\"id\":\"libvirt-1-storage-auth-secret0\"", StringComparison.Ordinal));
        Assert.Contains(objects, o => o.Contains("\"id\":\"libvirt-1-format-encryption-secret0\"", StringComparison.Ordinal));
        var blockdevs = Values(args, "-blockdev");
        Assert.Contains("\"portal\":\"h.example:3260\",\"target\":\"iqn.2023-01.org.example:t\",\"lun\":0", blockdevs[0], StringComparison.Ordinal);
        Assert.Contains("\"driver\":\"luks\",\"key-secret\":\"libvirt-1-format-encryption-secret0\"", blockdevs[1], StringComparison.Ordinal);
    }

    [Fact]
    public void FdGroup_IsPassedAsAnFdSet()
    {
        var args = Build(
            """
            <disk type='file' device='disk'>
              <driver name='qemu' type='raw'/>
              <source file='/x' fdgroup='g'/>
              <target dev='vda' bus='virtio'/>
            </disk>
            """,
            ctx => ctx with { FdGroups = ImmutableDictionary<string, ImmutableArray<int>>.Empty.Add("g", [10]) });

        Assert.Equal(["set=0,fd=10,opaque=libvirt-1-storage0"], Values(args, "-add-fd"));

        // With one descriptor QEMU cannot reopen read-only first: plain read-only instead of auto-read-only.
        Assert.Contains("\"filename\":\"/dev/fdset/0\",\"node-name\":\"libvirt-1-storage\",\"read-only\":false", Values(args, "-blockdev")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFdGroup_IsRefused()
    {
        var ex = Assert.Throws<DomainConfigException>(() => Build("""
            <disk type='file' device='disk'>
              <source file='/x' fdgroup='missing'/>
              <target dev='vda' bus='virtio'/>
            </disk>
            """));
        Assert.Contains("file descriptor group 'missing'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void XmlRoundTrip_KeepsChainsNetworkSourcesAndDefaults()
    {
        var xml = Head + """
            <disk type='network' device='cdrom'>
              <source protocol='https' name='iso/x.iso' query='a=b'>
                <host name='h.example'/>
                <ssl verify='no'/>
                <cookies><cookie name='c'>v</cookie></cookies>
              </source>
              <target dev='hdc' bus='ide'/>
            </disk>
            """ + Tail;
        var host = HarnessHost(out var config);
        var def = QemuEngine.PostParse(DomainXmlParser.Parse(xml), host, config);
        var text = DomainXmlFormatter.Format(def);

        Assert.Contains("<driver name='qemu' type='raw'/>", text, StringComparison.Ordinal);
        Assert.Contains("<source protocol='https' name='iso/x.iso' query='a=b'>", text, StringComparison.Ordinal);
        Assert.Contains("<host name='h.example' port='443'/>", text, StringComparison.Ordinal);
        Assert.Contains("<cookie name='c'>v</cookie>", text, StringComparison.Ordinal);
        Assert.Contains("<readonly/>", text, StringComparison.Ordinal);
        Assert.Contains("<address type='drive' controller='0' bus='1' target='0' unit='0'/>", text, StringComparison.Ordinal);
    }

    private static List<string> Values(QemuCommandLine cmd, string option)
    {
        var result = new List<string>();
        for (var i = 0; i + 1 < cmd.Arguments.Length; i++)
        {
            if (cmd.Arguments[i] == option)
            {
                result.Add(cmd.Arguments[i + 1]);
            }
        }

        return result;
    }

    private static QemuCommandLine Build(string disks, Func<LaunchContext, LaunchContext>? adjust = null)
    {
        var host = HarnessHost(out var config);
        var def = QemuEngine.PostParse(DomainXmlParser.Parse(Head + disks + Tail), host, config);
        var context = new LaunchContext
        {
            DomainId = 1,
            MasterKey = SecretObjects.TestMasterKey,
            SecretIv = [.. Enumerable.Range(0, 16).Select(i => (byte)i)],
            SecretLookup = _ => "secret"u8.ToArray(),
        };
        context = adjust?.Invoke(context) ?? context;
        return QemuEngine.BuildCommandLine(def, host, config, context);
    }

    private static HostInfo HarnessHost(out DriverConfig config)
    {
        var caps = LibvirtCapsXml.Load(Path.Combine(CorpusLocation.RootOrSkip(), "tests", "qemucapabilitiesdata", "caps_8.0.0.x86_64.xml"));
        var host = HostInfoFactory.CorpusHost("linux", "x86_64");
        var byEmulator = host.CapabilitiesByEmulator.SetItem(caps.Emulator, caps);
        if (host.FindGuest(caps.Arch) is { } guest)
        {
            byEmulator = byEmulator.SetItem(guest.Emulator, caps);
        }

        config = new DriverConfig();
        return host with { CapabilitiesByEmulator = byEmulator };
    }
}
