using System.Text;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Character devices: -chardev backends, serial and parallel ports, channels, consoles.</summary>
internal sealed partial class CommandLineBuilder
{
    // The libvirt test harness hands file backends over as pre-opened descriptors.
    private const int HarnessFileFd = 1750;
    private const int HarnessLogFd = 1751;

    /// <summary>
    /// Emits what a character backend needs before it (-add-fd for files and logs, the TLS
    /// credentials of a TCP socket) and then the -chardev itself.
    /// </summary>
    /// <param name="ch">The backend (type, sources, protocol, log).</param>
    /// <param name="id">The chardev id (<c>char</c> + device alias).</param>
    /// <param name="owner">The alias of the device the backend belongs to (names passed fds).</param>
    private void AddChardev(ChardevDevice ch, string id, string owner)
    {
        Add("-chardev", ChardevText(ch, id, owner));
    }

    /// <summary>The -chardev argument; emits any -add-fd and -object it depends on first.</summary>
    private string ChardevText(ChardevDevice ch, string id, string owner)
    {
        var sb = new StringBuilder();
        var src = ch.Sources.IsDefaultOrEmpty ? null : ch.Sources[0];
        switch (ch.SourceType)
        {
            case "null" or "vc" or "pty" or "stdio":
                sb.Append(ch.SourceType).Append(",id=").Append(id);
                break;
            case "dev":
                sb.Append(ch.Kind == "parallel" ? "parport" : "serial").Append(",id=").Append(id).Append(",path=").Append(QemuProps.EscapeValue(ch.SourceAttr("path") ?? ""));
                break;
            case "file":
                sb.Append("file,id=").Append(id).Append(",path=");
                if (ctx.TestHarness)
                {
                    var set = NextFdSet();
                    Add("-add-fd", "set=" + Num(set) + ",fd=" + Num(HarnessFileFd) + ",opaque=" + owner + "-source");
                    sb.Append("/dev/fdset/").Append(Num(set)).Append(",append=on");
                }
                else
                {
                    sb.Append(QemuProps.EscapeValue(ch.SourceAttr("path") ?? ""));
                    if (ch.SourceAttr("append") is { } append)
                    {
                        sb.Append(",append=").Append(append == "on" ? "on" : "off");
                    }
                }

                break;
            case "pipe":
                sb.Append("pipe,id=").Append(id).Append(",path=").Append(QemuProps.EscapeValue(ch.SourceAttr("path") ?? ""));
                break;
            case "udp":
                var connect = ch.Sources.FirstOrDefault(s => (string?)s.Attribute("mode") != "bind");
                var bind = ch.Sources.FirstOrDefault(s => (string?)s.Attribute("mode") == "bind");
                sb.Append("udp,id=").Append(id)
                    .Append(",host=").Append(QemuProps.EscapeValue((string?)connect?.Attribute("host") ?? ""))
                    .Append(",port=").Append(QemuProps.EscapeValue((string?)connect?.Attribute("service") ?? ""))
                    .Append(",localaddr=").Append(QemuProps.EscapeValue((string?)bind?.Attribute("host") ?? ""))
                    .Append(",localport=").Append(QemuProps.EscapeValue((string?)bind?.Attribute("service") ?? "0"));
                break;
            case "tcp":
                var listen = (string?)src?.Attribute("mode") == "bind";
                sb.Append("socket,id=").Append(id)
                    .Append(",host=").Append(QemuProps.EscapeValue((string?)src?.Attribute("host") ?? ""))
                    .Append(",port=").Append(QemuProps.EscapeValue((string?)src?.Attribute("service") ?? ""));
                if (ch.Protocol == "telnet")
                {
                    sb.Append(",telnet=on");
                }

                if (listen)
                {
                    sb.Append(",server=on,wait=off");
                }

                AppendReconnect(sb, src?.Element("reconnect"));
                if (ChardevTls(src))
                {
                    sb.Append(",tls-creds=").Append(ChardevTlsObjects(id, listen));
                }

                break;
            case "unix":
                // A socket whose path libvirt generates (virtio channels) is always a listening one.
                var unixListen = (string?)src?.Attribute("mode") == "bind" || src?.Attribute("path") is null;
                sb.Append("socket,id=").Append(id);
                if (unixListen && ctx.PassedListenFd is { } fd)
                {
                    sb.Append(",fd=").Append(Num(fd));
                }
                else
                {
                    var path = (string?)src?.Attribute("path") ?? ctx.DomainChannelDir(def.Name) + "/" + (ch.TargetName ?? id);
                    sb.Append(",path=").Append(QemuProps.EscapeValue(path));
                }

                if (unixListen)
                {
                    sb.Append(",server=on,wait=off");
                }

                AppendReconnect(sb, src?.Element("reconnect"));
                break;
            case "spicevmc":
                sb.Append("spicevmc,id=").Append(id).Append(",name=").Append(SpicevmcName(ch));
                break;
            case "spiceport":
                sb.Append("spiceport,id=").Append(id).Append(",name=").Append(QemuProps.EscapeValue(ch.SourceAttr("channel") ?? ""));
                break;
            case "qemu-vdagent":
                sb.Append("qemu-vdagent,id=").Append(id).Append(",name=vdagent");
                if (src?.Element("clipboard")?.Attribute("copypaste") is { } copypaste)
                {
                    sb.Append(",clipboard=").Append(copypaste.Value == "yes" ? "on" : "off");
                }

                if (src?.Element("mouse")?.Attribute("mode") is { } mouse)
                {
                    sb.Append(",mouse=").Append(mouse.Value == "client" ? "on" : "off");
                }

                break;
            case "dbus":
                sb.Append("dbus,id=").Append(id).Append(",name=").Append(QemuProps.EscapeValue(ch.SourceAttr("channel") ?? ""));
                break;
            default:
                throw DomainConfigException.Unsupported($"unsupported chardev '{ch.SourceType}'");
        }

        if (ch.Log is { } log && (string?)log.Attribute("file") is { } logFile)
        {
            sb.Append(",logfile=");
            if (ctx.TestHarness)
            {
                var set = NextFdSet();
                Add("-add-fd", "set=" + Num(set) + ",fd=" + Num(HarnessLogFd) + ",opaque=" + owner + "-log");
                sb.Append("/dev/fdset/").Append(Num(set)).Append(",logappend=on");
            }
            else
            {
                sb.Append(QemuProps.EscapeValue(logFile));
                sb.Append(",logappend=").Append((string?)log.Attribute("append") == "on" ? "on" : "off");
            }
        }

        return sb.ToString();
    }

    /// <summary>reconnect=N when reconnecting is enabled, reconnect=0 when explicitly disabled.</summary>
    private static void AppendReconnect(StringBuilder sb, XElement? reconnect)
    {
        switch ((string?)reconnect?.Attribute("enabled"))
        {
            case "yes":
                sb.Append(",reconnect=").Append(OptionText.Unsigned((string?)reconnect!.Attribute("timeout") ?? "0", "reconnect timeout", "-chardev"));
                break;
            case "no":
                sb.Append(",reconnect=0");
                break;
            default:
                break;
        }
    }

    /// <summary>A TCP chardev uses TLS when its source says so, or by host policy unless it says tls='no'.</summary>
    private bool ChardevTls(XElement? src) => (string?)src?.Attribute("tls") switch
    {
        "yes" => true,
        "no" => false,
        _ => cfg.ChardevTls,
    };

    /// <summary>Emits the x509 credentials object (and its key secret) for a TLS chardev; returns its id.</summary>
    private string ChardevTlsObjects(string id, bool listen)
    {
        string? secretId = null;
        if (cfg.ChardevTlsX509SecretUuid is { } uuid)
        {
            secretId = id + "-secret0";
            ObjectArg(SecretObjects.Encrypted(secretId, SecretObjects.Lookup(uuid, ctx), ctx));
        }

        var objId = "obj" + id + "_tls0";
        ObjectArg(new QemuProps()
            .Str("qom-type", "tls-creds-x509")
            .Str("id", objId)
            .Str("dir", cfg.ChardevTlsX509CertDir ?? cfg.DefaultTlsX509CertDir ?? "/etc/pki/qemu")
            .Str("endpoint", listen ? "server" : "client")
            .Bool("verify-peer", !listen || cfg.ChardevTlsX509Verify)
            .Str("passwordid", secretId));
        return objId;
    }

    private static string SpicevmcName(ChardevDevice ch) => ch.Kind switch
    {
        "smartcard" => "smartcard",
        "redirdev" => "usbredir",
        _ => "vdagent",
    };

    private void BuildSerials()
    {
        foreach (var s in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "serial"))
        {
            if (s.SourceType == "spiceport" && !def.DevicesOf<GraphicsDevice>().Any(g => g.Type == "spice"))
            {
                continue;
            }

            var id = "char" + s.Info.Alias;
            AddChardev(s, id, s.Info.Alias!);

            // The ARM and RISC-V system UARTs are part of the board: QEMU only connects them.
            if (IsPlatformSerial(s))
            {
                Add("-serial", "chardev:" + id);
                continue;
            }

            var model = s.TargetModel ?? "isa-serial";
            var cap = model switch
            {
                "isa-serial" => "isa-serial",
                "usb-serial" => "usb-serial",
                "pci-serial" => "pci-serial",
                "spapr-vty" => "spapr-vty",
                "sclpconsole" => "s390-sclp",
                "sclplmconsole" => "sclplmconsole",
                "isa-debugcon" => null,
                _ => throw DomainConfigException.Unsupported($"unsupported serial target model '{model}'"),
            };
            if (cap is not null && !p.Has(cap))
            {
                throw DomainConfigException.Unsupported($"'{model}' is not supported in this QEMU binary");
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

    private bool IsPlatformSerial(ChardevDevice s)
    {
        if (Platform.Machine.IsArm(p.Arch) && s.TargetType == "system-serial" && s.TargetModel == "pl011")
        {
            return true;
        }

        if (Platform.Machine.IsRiscv(p.Arch) && s.TargetType == "system-serial" && s.TargetModel == "16550a")
        {
            return true;
        }

        return s.TargetType is null;
    }

    private void BuildParallels()
    {
        foreach (var par in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "parallel"))
        {
            var id = "char" + par.Info.Alias;
            AddChardev(par, id, par.Info.Alias!);
            var props = new QemuProps().Str("driver", "isa-parallel").Str("chardev", id).Str("id", par.Info.Alias);
            AddressProps(props, par.Info);
            Device(props);
        }
    }

    private void BuildChannels()
    {
        foreach (var ch in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "channel"))
        {
            var id = "char" + ch.Info.Alias;
            switch (ch.TargetType)
            {
                case "guestfwd":
                    AddChardev(ch, id, ch.Info.Alias!);
                    var fwd = "tcp:" + (ch.TargetAddress ?? "") + ":" + Num(ch.TargetPort ?? 0) + "-chardev:" + id;
                    if (JsonNetdev)
                    {
                        var rule = new QemuProps().Str("str", fwd);
                        Add("-netdev", new QemuProps().Str("type", "user").Arr("guestfwd", [rule]).Str("id", ch.Info.Alias).ToJson());
                    }
                    else
                    {
                        Add("-netdev", "user,guestfwd=" + QemuProps.EscapeValue(fwd) + ",id=" + ch.Info.Alias);
                    }

                    break;
                case "virtio":
                    AddChardev(ch, id, ch.Info.Alias!);
                    var props = new QemuProps().Str("driver", "virtserialport");
                    AddressProps(props, ch.Info);
                    props.Str("chardev", id).Str("id", ch.Info.Alias);
                    var name = ch.TargetName ?? (ch.SourceType is "spicevmc" or "qemu-vdagent" ? "com.redhat.spice.0" : null);
                    props.Str("name", name);
                    Device(props);
                    break;
                default:
                    throw DomainConfigException.Unsupported($"unsupported channel target type '{ch.TargetType}'");
            }
        }
    }

    private void BuildConsoles()
    {
        foreach (var c in def.DevicesOf<ChardevDevice>().Where(c => c.Kind == "console"))
        {
            var id = "char" + c.Info.Alias;
            switch (c.TargetType)
            {
                case "virtio":
                    AddChardev(c, id, c.Info.Alias!);
                    var props = new QemuProps().Str("driver", "virtconsole");
                    AddressProps(props, c.Info);
                    props.Str("chardev", id).Str("id", c.Info.Alias);
                    Device(props);
                    break;
                case "sclp" or "sclplm":
                    var model = c.TargetType == "sclp" ? "sclpconsole" : "sclplmconsole";
                    if (!p.Has(c.TargetType == "sclp" ? "s390-sclp" : "sclplmconsole"))
                    {
                        throw DomainConfigException.Unsupported($"{model} is not supported in this QEMU binary");
                    }

                    AddChardev(c, id, c.Info.Alias!);
                    Device(new QemuProps().Str("driver", model).Str("chardev", id).Str("id", c.Info.Alias));
                    break;
                default:
                    // A serial console is the serial port itself.
                    break;
            }
        }
    }
}
