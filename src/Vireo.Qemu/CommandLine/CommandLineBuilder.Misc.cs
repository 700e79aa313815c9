using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Smartcards, TPMs, input devices, audio backends and sound cards, watchdogs, USB
/// redirection, the memory balloon, RNGs, panic notifiers, shared memory and vsock.
/// </summary>
internal sealed partial class CommandLineBuilder
{
    // Descriptors the launcher hands over (libvirt's harness values): the host TPM and its
    // cancel file, the vhost-vsock device.
    private const int TpmDeviceFd = 1730;
    private const int TpmCancelFd = 1731;
    private const int VhostVsockFd = 6789;

    // A vsock with an automatic CID gets the first free one; the harness reports 42.
    private const int AutoVsockCid = 42;

    private const string DefaultNssDatabase = "/etc/pki/nssdb";

    /// <summary>A chardev view of another device's character backend (smartcard, RNG, redirdev).</summary>
    private static ChardevDevice Backend(string kind, string type, System.Collections.Immutable.ImmutableArray<XElement> sources, string? protocol) =>
        new() { Kind = kind, SourceType = type, Sources = sources, Protocol = protocol };

    /// <summary>USB CCID card readers (they sit on the USB bus, after hubs).</summary>
    private void BuildCcidControllers()
    {
        foreach (var d in def.Devices)
        {
            if (d is not ControllerDevice { Type: "ccid" } c)
            {
                continue;
            }

            var props = new QemuProps().Str("driver", "usb-ccid").Str("id", c.Info.Alias);
            AddressProps(props, c.Info);
            Device(props);
        }
    }

    private void BuildSmartcards()
    {
        var cards = def.DevicesOf<SmartcardDevice>().ToList();
        if (cards.Count == 0)
        {
            return;
        }

        var card = cards[0];
        if (cards.Count > 1 || card.Info.Address is not CcidAddress { Controller: 0, Slot: 0 })
        {
            throw DomainConfigException.Unsupported("this QEMU binary lacks multiple smartcard support");
        }

        var props = new QemuProps();
        switch (card.Mode)
        {
            case "host":
                RequireCap("ccid-emulated", "this QEMU binary lacks smartcard host mode support");
                props.Str("driver", "ccid-card-emulated").Str("backend", "nss-emulated");
                break;
            case "host-certificates":
                RequireCap("ccid-emulated", "this QEMU binary lacks smartcard host mode support");
                props.Str("driver", "ccid-card-emulated").Str("backend", "certificates");
                for (var i = 0; i < card.Certificates.Length; i++)
                {
                    props.Str("cert" + Num(i + 1), card.Certificates[i]);
                }

                props.Str("db", card.Database ?? DefaultNssDatabase);
                break;
            default:
                RequireCap("ccid-passthru", "this QEMU binary lacks smartcard passthrough mode support");
                var id = "char" + card.Info.Alias;
                AddChardev(Backend("smartcard", card.SourceType ?? "spicevmc", card.Sources, card.Protocol), id, card.Info.Alias!);
                props.Str("driver", "ccid-card-passthru").Str("chardev", id);
                break;
        }

        var controller = ControllerAt("ccid", 0);
        props.Str("id", card.Info.Alias).Str("bus", (controller?.Info.Alias ?? "ccid0") + ".0");
        Device(props);
    }

    private void RequireCap(string flag, string message)
    {
        if (!p.Has(flag))
        {
            throw DomainConfigException.Unsupported(message);
        }
    }

    private void BuildTpms()
    {
        foreach (var tpm in def.DevicesOf<TpmDevice>())
        {
            if (tpm.Model == "spapr-tpm-proxy")
            {
                Device(new QemuProps().Str("driver", "spapr-tpm-proxy").Str("id", tpm.Info.Alias).Str("host-path", tpm.DevicePath ?? "/dev/tpm0"));
                continue;
            }

            var tpmdev = "tpm-" + tpm.Info.Alias;
            switch (tpm.BackendType)
            {
                case "passthrough":
                    string path;
                    string cancel;
                    if (ctx.TestHarness)
                    {
                        var set = NextFdSet();
                        Add("-add-fd", "set=" + Num(set) + ",fd=" + Num(TpmDeviceFd) + ",opaque=" + tpm.Info.Alias + "-tpm");
                        var cancelSet = NextFdSet();
                        Add("-add-fd", "set=" + Num(cancelSet) + ",fd=" + Num(TpmCancelFd) + ",opaque=" + tpm.Info.Alias + "-cancel");
                        path = "/dev/fdset/" + Num(set);
                        cancel = "/dev/fdset/" + Num(cancelSet);
                    }
                    else
                    {
                        path = tpm.DevicePath ?? "/dev/tpm0";
                        cancel = "/sys/class/misc/" + Path.GetFileName(path) + "/device/cancel";
                    }

                    Add("-tpmdev", "passthrough,id=" + tpmdev + ",path=" + QemuProps.EscapeValue(path) + ",cancel-path=" + QemuProps.EscapeValue(cancel));
                    break;
                case "emulator" or "external":
                    var socket = tpm.BackendType == "external" ? tpm.SourcePath ?? ""
                        : ctx.TestHarness ? "/dev/test"
                        : "/run/libvirt/qemu/swtpm/" + ctx.ShortName(def.Name) + "-swtpm.sock";
                    Add("-chardev", "socket,id=chrtpm,path=" + QemuProps.EscapeValue(socket));
                    Add("-tpmdev", "emulator,id=" + tpmdev + ",chardev=chrtpm");
                    break;
                default:
                    throw DomainConfigException.Unsupported($"unsupported TPM backend '{tpm.BackendType}'");
            }

            var driver = tpm.Model switch
            {
                "tpm-tis" when Platform.Machine.IsArm(p.Arch) => "tpm-tis-device",
                null => "tpm-tis",
                var m => m,
            };
            var props = new QemuProps().Str("driver", driver).Str("tpmdev", tpmdev).Str("id", tpm.Info.Alias);
            AddressProps(props, tpm.Info);
            Device(props);
        }
    }

    private void BuildInputs()
    {
        foreach (var i in def.DevicesOf<InputDevice>())
        {
            if (i.Type == "evdev")
            {
                BuildInputLinux(i);
                continue;
            }

            string? driver = (i.Bus, i.Type) switch
            {
                ("usb", "mouse") => "usb-mouse",
                ("usb", "tablet") => "usb-tablet",
                ("usb", "keyboard") => "usb-kbd",
                ("virtio", "mouse") => VirtioDriverName("virtio-mouse", i.Model ?? "virtio", i.Info),
                ("virtio", "tablet") => VirtioDriverName("virtio-tablet", i.Model ?? "virtio", i.Info),
                ("virtio", "keyboard") => VirtioDriverName("virtio-keyboard", i.Model ?? "virtio", i.Info),
                ("virtio", "passthrough") => VirtioDriverName("virtio-input-host", i.Model ?? "virtio", i.Info),
                _ => null,
            };
            if (driver is null)
            {
                continue;
            }

            var props = new QemuProps().Str("driver", driver);
            VirtioOptionProps(props, i.Virtio);
            props.Str("id", i.Info.Alias);
            if (i.Type == "passthrough")
            {
                props.Str("evdev", (string?)i.Source?.Attribute("evdev"));
            }

            AddressProps(props, i.Info);
            Device(props);
        }
    }

    /// <summary>Host evdev passthrough: an input-linux object, not a device.</summary>
    private void BuildInputLinux(InputDevice i)
    {
        var src = i.Source;
        var props = new QemuProps().Str("qom-type", "input-linux").Str("id", i.Info.Alias).Str("evdev", (string?)src?.Attribute("dev"));
        if ((string?)src?.Attribute("repeat") is { } repeat)
        {
            props.Bool("repeat", repeat == "on");
        }

        if ((string?)src?.Attribute("grab") == "all")
        {
            props.Bool("grab_all", true);
        }

        if ((string?)src?.Attribute("grabToggle") is { } toggle)
        {
            props.Str("grab-toggle", toggle);
        }

        ObjectArg(props);
    }

    private void BuildAudio()
    {
        foreach (var a in def.DevicesOf<AudioDevice>())
        {
            string? Attr(string name) => a.Attributes.FirstOrDefault(kv => kv.Key == name).Value;

            var props = new QemuProps().Str("id", "audio" + Num(a.Id)).Str("driver", AudioDriver(a.Type));
            props.Num("timer-period", NumberAttr(Attr("timerPeriod")));
            switch (a.Type)
            {
                case "oss":
                    props.Bool("try-mmap", YesNo(Attr("tryMMap")));
                    props.Bool("exclusive", YesNo(Attr("exclusive")));
                    props.Num("dsp-policy", NumberAttr(Attr("dspPolicy")));
                    break;
                case "pulseaudio":
                    props.Str("server", Attr("serverName"));
                    break;
                case "file":
                    props.Str("path", Attr("path"));
                    break;
                case "sdl" when Attr("driver") is { } sdlDriver:
                    SetEnv("SDL_AUDIODRIVER", sdlDriver);
                    break;
                default:
                    break;
            }

            foreach (var (element, key) in new[] { ("input", "in"), ("output", "out") })
            {
                if (a.Children.FirstOrDefault(c => c.Name.LocalName == element) is { } dir)
                {
                    props.Obj(key, AudioDirection(a.Type, dir));
                }
            }

            Add("-audiodev", props.ToJson());
        }
    }

    /// <summary>The in/out settings of an audio backend.</summary>
    private static QemuProps AudioDirection(string type, XElement dir)
    {
        string? Attr(string name) => (string?)dir.Attribute(name);
        var settings = dir.Element("settings");
        var sub = new QemuProps()
            .Bool("mixing-engine", YesNo(Attr("mixingEngine")))
            .Bool("fixed-settings", YesNo(Attr("fixedSettings")))
            .Num("voices", NumberAttr(Attr("voices")))
            .Num("buffer-length", NumberAttr(Attr("bufferLength")));
        if (settings is not null)
        {
            sub.Num("frequency", NumberAttr((string?)settings.Attribute("frequency")))
                .Num("channels", NumberAttr((string?)settings.Attribute("channels")))
                .Str("format", (string?)settings.Attribute("format"));
        }

        switch (type)
        {
            case "alsa":
                sub.Str("dev", Attr("dev"));
                break;
            case "coreaudio" or "sdl":
                sub.Num("buffer-count", NumberAttr(Attr("bufferCount")));
                break;
            case "jack":
                sub.Str("server-name", Attr("serverName")).Str("client-name", Attr("clientName")).Str("connect-ports", Attr("connectPorts"));
                sub.Bool("exact-name", YesNo(Attr("exactName")));
                break;
            case "oss":
                sub.Str("dev", Attr("dev")).Num("buffer-count", NumberAttr(Attr("bufferCount"))).Bool("try-poll", YesNo(Attr("tryPoll")));
                break;
            case "pulseaudio":
                sub.Str("name", Attr("name")).Str("stream-name", Attr("streamName")).Num("latency", NumberAttr(Attr("latency")));
                break;
            default:
                break;
        }

        return sub;
    }

    private static bool? YesNo(string? v) => v switch
    {
        "yes" or "on" => true,
        "no" or "off" => false,
        _ => null,
    };

    private static string AudioDriver(string type) => type switch
    {
        "pulseaudio" => "pa",
        "file" => "wav",
        _ => type,
    };

    private void BuildSounds()
    {
        foreach (var s in def.DevicesOf<SoundDevice>())
        {
            if (s.Model == "pcspk")
            {
                Add("-soundhw", "pcspk");
                continue;
            }

            var driver = s.Model switch
            {
                "ac97" => "AC97",
                "es1370" => "ES1370",
                "sb16" => "sb16",
                "ich6" => "intel-hda",
                "ich7" => "intel-hda",
                "ich9" => "ich9-intel-hda",
                "usb" => "usb-audio",
                _ => throw DomainConfigException.Unsupported($"sound card model '{s.Model}' is not supported by QEMU"),
            };
            var hda = s.Model is "ich6" or "ich7" or "ich9";
            var props = new QemuProps().Str("driver", driver).Str("id", s.Info.Alias);
            if (!hda)
            {
                props.Str("audiodev", AudioIdFor(s.AudioId));
            }

            AddressProps(props, s.Info);
            Device(props);
            if (!hda)
            {
                continue;
            }

            var codecs = s.Codecs.IsDefaultOrEmpty ? ["duplex"] : s.Codecs;
            for (var c = 0; c < codecs.Length; c++)
            {
                var codec = "hda-" + codecs[c];
                if (!p.Has(codec) && p.Caps.Version > 0)
                {
                    throw DomainConfigException.Unsupported($"{codec} not supported in this QEMU binary");
                }

                Device(new QemuProps().Str("driver", codec).Str("id", s.Info.Alias + "-codec" + Num(c)).Str("bus", s.Info.Alias + ".0").Num("cad", c).Str("audiodev", AudioIdFor(s.AudioId)));
            }
        }
    }

    private void BuildWatchdogs()
    {
        foreach (var w in def.DevicesOf<WatchdogDevice>())
        {
            var props = new QemuProps().Str("driver", w.Model).Str("id", w.Info.Alias);
            AddressProps(props, w.Info);
            Device(props);

            // QEMU cannot dump: it pauses, and the management layer dumps.
            Add("-watchdog-action", w.Action is null or "dump" ? (w.Action is null ? "reset" : "pause") : w.Action);
        }
    }

    private void BuildRedirdevs()
    {
        var filter = RedirFilter();
        foreach (var r in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "redirdev"))
        {
            var id = "char" + r.Info.Alias;
            var type = r.Attr("type") ?? "spicevmc";
            if (type == "dbus")
            {
                Add("-chardev", "dbus,id=" + id + ",name=org.qemu.usbredir");
            }
            else
            {
                AddChardev(Backend("redirdev", type, [.. r.Element.Elements("source")], (string?)r.Child("protocol")?.Attribute("type")), id, r.Info.Alias!);
            }

            var props = new QemuProps().Str("driver", "usb-redir").Str("chardev", id).Str("id", r.Info.Alias).Str("filter", filter);
            props.Num("bootindex", r.Info.BootOrder);
            AddressProps(props, r.Info);
            Device(props);
        }
    }

    /// <summary>The usb-redir filter rules of &lt;redirfilter&gt;: class:vendor:product:version:allow, '|'-separated.</summary>
    private string? RedirFilter()
    {
        var rules = def.DevicesOf<GenericDevice>().FirstOrDefault(g => g.ElementName == "redirfilter")?.Element.Elements("usbdev").ToList();
        if (rules is null || rules.Count == 0)
        {
            return null;
        }

        static string Hex(string? v, int width)
        {
            var n = NumberAttr(v);
            return n is null or -1 ? "-1" : "0x" + n.Value.ToString("X" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        static string Version(string? v)
        {
            if (v is null or "-1")
            {
                return "-1";
            }

            var parts = v.Split('.');
            var major = 0;
            var minor = 0;
            var valid = parts.Length <= 2
                && int.TryParse(parts[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out major)
                && (parts.Length == 1 || int.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out minor));
            if (!valid)
            {
                throw DomainConfigException.Xml($"redirfilter version '{OptionText.Printable(v)}' is not MAJOR.MINOR in hexadecimal");
            }

            return "0x" + ((major << 8) | minor).ToString("X4", CultureInfo.InvariantCulture);
        }

        var sb = new StringBuilder();
        foreach (var u in rules)
        {
            if (sb.Length > 0)
            {
                sb.Append('|');
            }

            sb.Append(Hex((string?)u.Attribute("class"), 2)).Append(':')
                .Append(Hex((string?)u.Attribute("vendor"), 4)).Append(':')
                .Append(Hex((string?)u.Attribute("product"), 4)).Append(':')
                .Append(Version((string?)u.Attribute("version"))).Append(':')
                .Append((string?)u.Attribute("allow") == "yes" ? "1" : "0");
        }

        return sb.ToString();
    }

    private void BuildMemballoon()
    {
        var m = def.DevicesOf<MemballoonDevice>().FirstOrDefault();
        if (m is null || m.Model == "none")
        {
            return;
        }

        var props = new QemuProps().Str("driver", VirtioDriverName("virtio-balloon", m.Model, m.Info));
        VirtioOptionProps(props, m.Virtio);
        props.Str("id", m.Info.Alias);
        props.OnOff("deflate-on-oom", m.AutoDeflate).OnOff("free-page-reporting", m.FreePageReporting);
        AddressProps(props, m.Info);
        Device(props);
    }

    private void BuildRngs()
    {
        foreach (var rng in def.DevicesOf<RngDevice>())
        {
            var objId = "obj" + rng.Info.Alias;
            switch (rng.BackendModel)
            {
                case "random":
                    ObjectArg(new QemuProps().Str("qom-type", "rng-random").Str("id", objId).Str("filename", rng.RandomPath ?? "/dev/random"));
                    break;
                case "egd":
                    var charId = "char" + rng.Info.Alias;
                    AddChardev(Backend("rng", rng.BackendType ?? "pty", rng.Sources, rng.Protocol), charId, rng.Info.Alias!);
                    ObjectArg(new QemuProps().Str("qom-type", "rng-egd").Str("id", objId).Str("chardev", charId));
                    break;
                default:
                    ObjectArg(new QemuProps().Str("qom-type", "rng-builtin").Str("id", objId));
                    break;
            }

            var props = new QemuProps().Str("driver", VirtioDriverName("virtio-rng", rng.Model, rng.Info));
            VirtioOptionProps(props, rng.Virtio);
            props.Str("rng", objId).Str("id", rng.Info.Alias);
            if (rng.RateBytes is { } bytes)
            {
                props.UNum("max-bytes", bytes);
                props.UNum("period", rng.RatePeriod ?? 1000);
            }

            AddressProps(props, rng.Info);
            Device(props);
        }
    }

    private void BuildPanics()
    {
        foreach (var panic in def.DevicesOf<PanicDevice>())
        {
            switch (panic.Model)
            {
                case "isa":
                    var props = new QemuProps().Str("driver", "pvpanic");
                    if (panic.Info.Address is OtherAddress { Type: "isa" } isa)
                    {
                        props.Num("ioport", NumberAttr(isa.Get("iobase")));
                    }

                    Device(props);
                    break;
                case "pvpanic":
                    var pci = new QemuProps().Str("driver", "pvpanic-pci").Str("id", panic.Info.Alias);
                    AddressProps(pci, panic.Info);
                    Device(pci);
                    break;
                default:
                    // pSeries, s390 and Hyper-V panics need no device (hyperv is a CPU flag).
                    break;
            }
        }
    }

    private void BuildShmems()
    {
        foreach (var shm in def.DevicesOf<ShmemDevice>())
        {
            var props = new QemuProps();
            switch (shm.Model)
            {
                case "ivshmem":
                    props.Str("driver", "ivshmem").Str("id", shm.Info.Alias);
                    if (shm.Size is { } size)
                    {
                        props.Str("size", (size >> 20).ToString(CultureInfo.InvariantCulture) + "m");
                    }

                    if (!shm.Server)
                    {
                        props.Str("shm", shm.Name);
                    }
                    else
                    {
                        props.Str("chardev", "char" + shm.Info.Alias);
                        if (shm.Msi)
                        {
                            props.Bool("msi", true).UNum("vectors", shm.MsiVectors).OnOff("ioeventfd", shm.MsiIoeventfd);
                        }
                    }

                    break;
                case "ivshmem-plain":
                    var memdev = "shmmem-" + shm.Info.Alias;
                    ObjectArg(new QemuProps().Str("qom-type", "memory-backend-file").Str("id", memdev)
                        .Str("mem-path", "/dev/shm/" + shm.Name).UNum("size", shm.Size ?? 0).Bool("share", true));
                    props.Str("driver", "ivshmem-plain").Str("id", shm.Info.Alias).Str("memdev", memdev);
                    props.Bool("master", shm.Role switch
                    {
                        "master" => true,
                        "peer" => false,
                        _ => null,
                    });
                    break;
                default:
                    props.Str("driver", "ivshmem-doorbell").Str("id", shm.Info.Alias).Str("chardev", "char" + shm.Info.Alias);
                    props.UNum("vectors", shm.MsiVectors).OnOff("ioeventfd", shm.MsiIoeventfd);
                    break;
            }

            AddressProps(props, shm.Info);
            Device(props);
            if (shm.Server)
            {
                var path = shm.ServerPath ?? "/var/lib/libvirt/shmem-" + shm.Name + "-sock";
                Add("-chardev", "socket,id=char" + shm.Info.Alias + ",path=" + QemuProps.EscapeValue(path));
            }
        }
    }

    private void BuildVsocks()
    {
        foreach (var v in def.DevicesOf<VsockDevice>())
        {
            var props = new QemuProps().Str("driver", VirtioDriverName("vhost-vsock", v.Model ?? "virtio", v.Info));
            VirtioOptionProps(props, v.Virtio);
            props.Str("id", v.Info.Alias);
            props.UNum("guest-cid", v.CidAuto == "yes" && v.CidAddress is null or < 3 ? AutoVsockCid : v.CidAddress ?? AutoVsockCid);
            props.Str("vhostfd", Num(VhostVsockFd));
            AddressProps(props, v.Info);
            Device(props);
        }
    }
}
