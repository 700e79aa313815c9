using Vireo.Domain.Devices;
using Vireo.Domain.Xml;

namespace Vireo.Domain.Tests.Hostile;

/// <summary>
/// Very many devices are refused with a clear limit (<see cref="DomainParseOptions.MaxDevices"/>,
/// 4096 by default) at the line of the first device too many, before any per-device work.
/// libvirt has no such limit; QEMU runs out of PCI slots and USB ports long before it.
/// </summary>
public class DeviceCountTests
{
    [Theory]
    [InlineData("<input type='tablet' bus='usb'/>")]
    [InlineData("<serial type='pty'/>")]
    [InlineData("<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>")]
    [InlineData("<x:unknown xmlns:x='urn:hostile'/>")]
    public void A_hundred_thousand_devices_are_refused_at_the_first_one_too_many(string device)
    {
        var ex = Refusal.OfText(HostileXml.ManyDevices(100_000, device));
        Assert.Contains("more than 4096", ex.Detail, StringComparison.Ordinal);
        Assert.Equal("/domain/devices", ex.Location);
        Assert.Equal(HostileXml.DeviceLine + 4096, ex.Line);
    }

    [Fact]
    public void The_limit_itself_is_accepted()
    {
        var def = DomainXmlParser.Parse(HostileXml.ManyDevices(4096, "<input type='tablet' bus='usb'/>"));
        Assert.Equal(4096, def.DevicesOf<InputDevice>().Count());
    }

    [Fact]
    public void The_limit_can_be_raised_and_a_hundred_thousand_devices_parse_and_format()
    {
        var options = new DomainParseOptions { MaxDevices = 100_000 };
        var def = DomainXmlParser.Parse(HostileXml.ManyDevices(100_000, "<input type='tablet' bus='usb'/>"), options);
        Assert.Equal(100_000, def.Devices.Length);
        var xml = DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = true });
        Assert.Equal(100_000, DomainXmlParser.Parse(xml, options with { MaxBytes = 64L * 1024 * 1024 }).DevicesOf<InputDevice>().Count());
    }

    [Fact]
    public void An_error_in_the_last_of_many_devices_is_found_at_its_line()
    {
        var xml = HostileXml.ManyDevices(4095, "<video><model type='vga'/></video>")
            .Replace("</devices>", "<video><model type='evil'/></video>\n  </devices>", StringComparison.Ordinal);
        var ex = Refusal.OfText(xml);
        Assert.Equal(HostileXml.DeviceLine + 4095, ex.Line);
        Assert.Contains("video[4096]", ex.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_devices_to_fit_the_size_limit_are_refused_by_size()
    {
        var ex = Refusal.OfText(HostileXml.ManyDevices(1_000_000, "<input type='tablet' bus='usb'/>"));
        Assert.Contains("limit", ex.Detail, StringComparison.Ordinal);
    }
}
