using System.Xml.Linq;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Launch;

/// <summary>
/// Gives pty serial ports a UNIX socket in the state directory instead, so that
/// <c>vireo console</c> (in any later process) can reach them: serial port 0 gets
/// <c>console.sock</c>, port N <c>serialN.sock</c>. A pty console that stands for the first
/// serial port follows it. The live definition shows the sockets.
/// </summary>
public static class SerialSockets
{
    /// <summary>The definition with pty serial ports (and their console) turned into UNIX server sockets.</summary>
    public static DomainDefinition Apply(DomainDefinition def, DomainPaths paths)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(paths);
        var devices = def.Devices.ToBuilder();
        var serialIndex = 0;
        var firstSerialPty = false;
        for (var i = 0; i < devices.Count; i++)
        {
            if (devices[i] is not ChardevDevice { Kind: "serial" } serial)
            {
                continue;
            }

            var index = serial.TargetPort ?? serialIndex;
            if (serial.SourceType == "pty")
            {
                devices[i] = ToSocket(serial, paths.SerialSocket(index));
                firstSerialPty |= serialIndex == 0;
            }

            serialIndex++;
        }

        for (var i = 0; i < devices.Count; i++)
        {
            // libvirt's first console of an HVM guest is an alias of serial port 0 (or, with
            // no serial port, becomes it).
            if (devices[i] is ChardevDevice { Kind: "console", SourceType: "pty" } console
                && console.TargetType is null or "serial"
                && (firstSerialPty || serialIndex == 0))
            {
                devices[i] = ToSocket(console, paths.ConsoleSocket);
                break;
            }
        }

        return def with { Devices = devices.ToImmutable() };
    }

    private static ChardevDevice ToSocket(ChardevDevice ch, string path) => ch with
    {
        SourceType = "unix",
        Tty = null,
        Sources = [new XElement("source", new XAttribute("mode", "bind"), new XAttribute("path", path))],
    };
}
