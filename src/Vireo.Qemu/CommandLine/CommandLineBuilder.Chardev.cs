using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Character devices: -chardev backends, serial ports, channels, consoles.</summary>
internal sealed partial class CommandLineBuilder
{
    /// <summary>The -chardev backend text for a character device.</summary>
    private string Chardev(ChardevDevice ch, string id)
    {
        var src = ch.Sources.IsDefaultOrEmpty ? null : ch.Sources[0];
        switch (ch.SourceType)
        {
            case "pty":
                return "pty,id=" + id;
            case "null":
                return "null,id=" + id;
            case "vc":
                return "vc,id=" + id;
            case "stdio":
                return "stdio,id=" + id;
            case "spicevmc":
                return "spicevmc,id=" + id + ",name=" + SpicevmcName(ch);
            case "spiceport":
                return "spiceport,id=" + id + ",name=" + QemuProps.EscapeValue((string?)src?.Attribute("channel") ?? "");
            case "qemu-vdagent":
                return "qemu-vdagent,id=" + id + ",name=vdagent";
            case "dbus":
                return "dbus,id=" + id + ",name=" + QemuProps.EscapeValue((string?)src?.Attribute("channel") ?? "");
            case "unix":
                var mode = (string?)src?.Attribute("mode") ?? "connect";
                if (mode == "bind" && ctx.PassedListenFd is { } fd)
                {
                    return "socket,id=" + id + ",fd=" + Num(fd) + ",server=on,wait=off";
                }

                var path = (string?)src?.Attribute("path") ?? ctx.DomainChannelDir(def.Name) + "/" + (ch.TargetName ?? id);
                return "socket,id=" + id + ",path=" + QemuProps.EscapeValue(path) + (mode == "bind" ? ",server=on,wait=off" : "");
            case "tcp":
                var host = (string?)src?.Attribute("host") ?? "";
                var service = (string?)src?.Attribute("service") ?? "";
                var server = (string?)src?.Attribute("mode") == "bind";
                return "socket,id=" + id + ",host=" + QemuProps.EscapeValue(host) + ",port=" + QemuProps.EscapeValue(service) + (ch.Protocol == "telnet" ? ",telnet=on" : "") + (server ? ",server=on,wait=off" : "");
            case "dev":
                return (p.IsX86 ? "tty" : "serial") + ",id=" + id + ",path=" + QemuProps.EscapeValue((string?)src?.Attribute("path") ?? "");
            case "pipe":
                return "pipe,id=" + id + ",path=" + QemuProps.EscapeValue((string?)src?.Attribute("path") ?? "");
            default:
                throw DomainConfigException.Unsupported($"character device type '{ch.SourceType}' is not supported by Vireo yet");
        }
    }

    private static string SpicevmcName(ChardevDevice ch) => ch.Kind == "channel" ? "vdagent" : ch.Kind == "redirdev" ? "usbredir" : "vdagent";

    private void BuildSerials()
    {
        foreach (var s in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "serial"))
        {
            var id = "char" + s.Info.Alias;
            Add("-chardev", Chardev(s, id));
            var model = s.TargetModel;
            var useDevice = model switch
            {
                "isa-serial" => p.Has("isa-serial") || p.Caps.Version > 0,
                "spapr-vty" or "sclpconsole" or "sclplmconsole" or "usb-serial" or "pci-serial" => true,
                _ => false,
            };
            if (!useDevice)
            {
                Add("-serial", "chardev:" + id);
                continue;
            }

            var props = new QemuProps().Str("driver", model).Str("chardev", id).Str("id", s.Info.Alias);
            if (model == "isa-serial")
            {
                props.Num("index", s.TargetPort ?? 0);
            }

            AddressProps(props, s.Info);
            Device(props);
        }
    }

    private void BuildChannels()
    {
        foreach (var ch in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "channel"))
        {
            var id = "char" + ch.Info.Alias;
            if (ch.TargetType != "virtio")
            {
                throw DomainConfigException.Unsupported($"channel target type '{ch.TargetType}' is not supported by Vireo yet");
            }

            Add("-chardev", Chardev(ch, id));
            var props = new QemuProps().Str("driver", "virtserialport");
            AddressProps(props, ch.Info);
            props.Str("chardev", id).Str("id", ch.Info.Alias);
            var name = ch.TargetName ?? (ch.SourceType == "spicevmc" ? "com.redhat.spice.0" : null);
            props.Str("name", name);
            Device(props);
        }
    }

    private void BuildConsoles()
    {
        foreach (var c in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "console"))
        {
            switch (c.TargetType)
            {
                case "serial":
                    continue;
                case "virtio":
                    var id = "char" + c.Info.Alias;
                    Add("-chardev", Chardev(c, id));
                    var props = new QemuProps().Str("driver", "virtconsole");
                    AddressProps(props, c.Info);
                    props.Str("chardev", id).Str("id", c.Info.Alias);
                    Device(props);
                    break;
                case "sclp" or "sclplm":
                    var sid = "char" + c.Info.Alias;
                    Add("-chardev", Chardev(c, sid));
                    Device(new QemuProps().Str("driver", c.TargetType == "sclp" ? "sclpconsole" : "sclplmconsole").Str("chardev", sid).Str("id", c.Info.Alias));
                    break;
                default:
                    break;
            }
        }
    }
}
