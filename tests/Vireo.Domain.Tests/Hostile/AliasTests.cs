using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>
/// User aliases (<c>ua-*</c>) become QEMU ids: only the characters libvirt allows are kept,
/// so an alias cannot smuggle QEMU option syntax. Duplicate aliases are refused by
/// validation in Vireo.Qemu (CLI tests).
/// </summary>
public class AliasTests
{
    [Theory]
    [InlineData("ua-disk,id=evil")]
    [InlineData("ua-a b")]
    [InlineData("ua-x=y")]
    [InlineData("ua-\u00e9")]
    public void User_aliases_with_characters_outside_libvirts_set_are_dropped(string alias)
    {
        var def = DomainXmlParser.Parse(HostileXml.Domain(devices: $"<memballoon model='virtio'><alias name='{alias}'/></memballoon>"));
        Assert.Null(def.Devices.Single().Info.Alias);
    }

    [Theory]
    [InlineData("ua-disk0")]
    [InlineData("ua-My_Disk-1")]
    public void Well_formed_user_aliases_are_kept(string alias)
    {
        var def = DomainXmlParser.Parse(HostileXml.Domain(devices: $"<memballoon model='virtio'><alias name='{alias}'/></memballoon>"));
        Assert.Equal(alias, def.Devices.Single().Info.Alias);
    }
}
