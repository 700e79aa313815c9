using Vireo.Domain.Devices;
using Vireo.Runtime.Launch;
using Vireo.Runtime.State;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.Launch;

public class SerialSocketsTests
{
    private static readonly DomainPaths Paths = new StateDirectory("/run/vireo").Paths("g");

    [Fact]
    public void Pty_serials_become_sockets_in_the_state_directory()
    {
        var def = Domains.Parse(Domains.X86("g", extraDevices: "<serial type='pty'><target port='1'/></serial><serial type='file'><source path='/tmp/x'/></serial>"));
        var serials = SerialSockets.Apply(def, Paths).DevicesOf<ChardevDevice>().Where(c => c.Kind == "serial").ToList();
        Assert.Equal("unix", serials[0].SourceType);
        Assert.Equal("bind", serials[0].SourceAttr("mode"));
        Assert.Equal("/run/vireo/domains/g/console.sock", serials[0].SourceAttr("path"));
        Assert.Equal("/run/vireo/domains/g/serial1.sock", serials[1].SourceAttr("path"));
        Assert.Equal("file", serials[2].SourceType);
    }

    [Fact]
    public void A_pty_console_follows_serial_zero()
    {
        var def = Domains.Parse(Domains.X86("g", extraDevices: "<console type='pty'><target type='serial'/></console>"));
        var console = SerialSockets.Apply(def, Paths).DevicesOf<ChardevDevice>().Single(c => c.Kind == "console");
        Assert.Equal("/run/vireo/domains/g/console.sock", console.SourceAttr("path"));
    }
}
