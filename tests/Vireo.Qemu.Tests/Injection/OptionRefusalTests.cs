using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>The refusals of values QEMU's syntax cannot carry: the exact one-line messages.</summary>
public class OptionRefusalTests
{
    [Fact]
    public void CpuFeatureWithComma_IsRefused()
    {
        var field = new InjectionField { Name = "f", Extra = "<cpu mode='custom' match='exact'><model fallback='allow'>qemu64</model><feature policy='require' name='{V}'/></cpu>" };
        Assert.Equal("unsupported configuration: CPU feature 'pcid,vendor=x' contains a comma; QEMU's -cpu option cannot escape it", Refusal(field, "pcid,vendor=x"));
        Assert.Equal("unsupported configuration: CPU feature '-pcid' is not a QEMU property name (letters, digits, '_', '.' and '-', not first)", Refusal(field, "-pcid"));
    }

    [Fact]
    public void CpuVendorIdWithEquals_IsRefused()
    {
        var field = new InjectionField { Name = "v", Extra = "<cpu mode='custom' match='exact'><model fallback='allow' vendor_id='{V}'>qemu64</model></cpu>" };
        Assert.Equal("unsupported configuration: CPU vendor_id 'Genuine=ntel' contains '='; QEMU's -cpu option cannot escape it", Refusal(field, "Genuine=ntel"));
    }

    [Fact]
    public void VncListenAddressWithEquals_IsRefused_AndCommasDoubled()
    {
        var field = new InjectionField { Name = "vnc", Devices = "<graphics type='vnc' port='5900' autoport='no'><listen type='address' address='{V}'/></graphics>" };
        Assert.Equal("unsupported configuration: VNC listen address 'to=1' contains '='; QEMU would read it as an option name in -vnc", Refusal(field, "to=1"));
        var ok = InjectionHarness.Build(field, "a,b");
        Assert.NotNull(ok.Argv);
        Assert.Contains("a,,b:0,audiodev=audio1", ok.Argv);
    }

    [Fact]
    public void KeyValueDeviceDriverWithEquals_IsRefused()
    {
        var field = new InjectionField { Name = "m", Machine = "q35", LegacyFlags = ["ioh3420", "pcie-root-port"], Devices = "<controller type='pci' index='1' model='pcie-root-port'><model name='{V}'/></controller>" };
        Assert.Equal("unsupported configuration: 'id=x' is not a QEMU driver name", Refusal(field, "id=x"));
    }

    [Fact]
    public void NonNumericReconnectTimeout_IsRefused()
    {
        var field = new InjectionField { Name = "r", Devices = "<serial type='tcp'><source mode='connect' host='127.0.0.1' service='4555'><reconnect enabled='yes' timeout='{V}'/></source><protocol type='raw'/></serial>" };
        Assert.Equal("XML error: reconnect timeout '1,server=on' must be an unsigned decimal number (it goes into QEMU's -chardev option)", Refusal(field, "1,server=on"));
    }

    [Fact]
    public void ActiveDefinitionAliasWithComma_IsRefused()
    {
        // An active (status) definition keeps every alias; the builder still refuses one QEMU cannot read as an id.
        var field = new InjectionField { Name = "a", Devices = "<serial type='pty'><alias name='{V}'/></serial>" };
        var host = HostOf(field);
        var def = DomainXmlParser.Parse(field.Xml("serial0,id=x"), new DomainParseOptions { Inactive = false });
        def = QemuEngine.PostParse(def, host, new DriverConfig(), inactive: false);
        var ex = Assert.Throws<DomainConfigException>(() => QemuEngine.BuildCommandLine(def, host, new DriverConfig(), new LaunchContext { DomainId = 1 }));
        Assert.Equal("XML error: device alias 'serial0,id=x' contains a comma; a device alias may only contain letters, digits, '-', '.' and '_'", ex.Message);
    }

    [Fact]
    public void InactiveUserAliasWithComma_IsDropped_LikeLibvirt()
    {
        var field = new InjectionField { Name = "a", Devices = "<serial type='pty'><alias name='ua-{V}'/></serial>" };
        var argv = InjectionHarness.Build(field, "x,id=y").Argv;
        Assert.NotNull(argv);
        Assert.Contains("pty,id=charserial0", argv);
    }

    private static string Refusal(InjectionField field, string value)
    {
        var outcome = InjectionHarness.Build(field, value);
        Assert.True(outcome.Refused, $"not refused: {outcome.Error?.ToString() ?? string.Join(' ', outcome.Argv ?? [])}");
        return outcome.Error!.Message;
    }

    private static Vireo.Capabilities.HostInfo HostOf(InjectionField field) => InjectionHarness.HostFor(field);
}
