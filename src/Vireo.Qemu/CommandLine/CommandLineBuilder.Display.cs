using System.Globalization;
using System.Text;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Audio backends, remote/local displays, video cards and host display devices.</summary>
internal sealed partial class CommandLineBuilder
{
    private const string TestRenderNode = "/dev/dri/foo";

    private int vncPortNext = 5900;
    private int webSocketPortNext = 5700;

    private string? AudioIdFor(int? id)
    {
        var audio = id is { } i
            ? def.DevicesOf<AudioDevice>().FirstOrDefault(a => a.Id == i)
            : def.DevicesOf<AudioDevice>().FirstOrDefault();
        return audio is null ? null : "audio" + Num(audio.Id);
    }

    private void BuildGraphics()
    {
        foreach (var g in def.DevicesOf<GraphicsDevice>())
        {
            switch (g.Type)
            {
                case "vnc":
                    BuildVnc(g);
                    break;
                case "spice":
                    BuildSpice(g);
                    break;
                case "sdl":
                    BuildSdl(g);
                    break;
                case "egl-headless":
                    var egl = new StringBuilder("egl-headless");
                    if (p.Has("egl-headless.rendernode"))
                    {
                        egl.Append(",rendernode=").Append(QemuProps.EscapeValue(RenderNode(g.GlRendernode)));
                    }

                    Add("-display", egl.ToString());
                    break;
                case "dbus":
                    BuildDbus(g);
                    break;
                default:
                    throw DomainConfigException.Unsupported($"graphics type '{g.Type}' is not supported with QEMU; use vnc, spice, sdl, egl-headless or dbus");
            }
        }

        if (NeedsImplicitEglHeadless())
        {
            Add("-display", "egl-headless");
        }
    }

    /// <summary>A vGPU display with graphics but no OpenGL anywhere: QEMU gets an EGL context of its own.</summary>
    private bool NeedsImplicitEglHeadless() =>
        ctx.AddEglHeadlessForMdevDisplays &&
        p.Has("egl-headless") &&
        def.DevicesOf<HostdevDevice>().Any(h => h.IsMdevDisplay) &&
        def.DevicesOf<GraphicsDevice>().Any() &&
        !def.DevicesOf<GraphicsDevice>().Any(g => g.HasGl);

    private string RenderNode(string? requested) => requested ?? (ctx.TestHarness ? TestRenderNode : ctx.DefaultRenderNode ?? "/dev/dri/renderD128");

    private void BuildVnc(GraphicsDevice g)
    {
        var sb = TextBuilderCache.Acquire();
        var listen = g.FirstListen;
        if (listen?.Type == "socket")
        {
            var socket = listen.Socket ?? LibDir + "/vnc.sock";
            sb.Append("vnc=unix:").Append(QemuProps.EscapeValue(socket));
        }
        else if (listen?.Type == "none")
        {
            sb.Append("none");
        }
        else if (cfg.VncAutoUnixSocket && (listen is null || (listen.Type == "address" && listen.Address is null)))
        {
            sb.Append("vnc=unix:").Append(QemuProps.EscapeValue(LibDir + "/vnc.sock"));
        }
        else
        {
            var port = g.AutoPort == true || g.Port is null or 0 ? vncPortNext++ : g.Port.Value;
            if (port < 5900 && g.AutoPort != true)
            {
                throw DomainConfigException.Unsupported("vnc port must be in range [5900,65535]");
            }

            if (listen is { Type: "network", Address: null, Network: { } network })
            {
                throw DomainConfigException.Unsupported($"cannot resolve the listen address of network '{network}': Vireo has no network driver; use <listen type='address' address='...'/>");
            }

            var addr = listen?.Type is "address" or "network" ? listen.Address : null;
            addr ??= cfg.VncListen;
            if (addr.Contains(':', StringComparison.Ordinal))
            {
                sb.Append('[').Append(OptionText.ImpliedValue(addr, "VNC listen address", "-vnc")).Append(']');
            }
            else
            {
                sb.Append(OptionText.ImpliedValue(addr, "VNC listen address", "-vnc"));
            }

            sb.Append(':').Append(Num(port - 5900));
            if (g.WebSocket is { } ws && ws != 0)
            {
                sb.Append(",websocket=").Append(Num(ws == -1 ? webSocketPortNext++ : ws));
            }
        }

        if (g.SharePolicy is { } share)
        {
            sb.Append(",share=").Append(QemuProps.EscapeValue(share));
        }

        if (cfg.VncTls)
        {
            var creds = "vnc-tls-creds0";
            var obj = new QemuProps().Str("qom-type", "tls-creds-x509").Str("id", creds).Str("dir", cfg.VncTlsX509CertDir ?? cfg.DefaultTlsX509CertDir).Str("endpoint", "server").Bool("verify-peer", cfg.VncTlsX509Verify);
            if (cfg.VncTlsX509SecretUuid is { } secretUuid)
            {
                var secretId = creds + "-secret0";
                ObjectArg(SecretObjects.Encrypted(secretId, SecretObjects.Lookup(secretUuid, ctx), ctx));
                obj.Str("passwordid", secretId);
            }

            ObjectArg(obj);
            sb.Append(",tls-creds=").Append(creds);
        }

        if (cfg.VncSasl)
        {
            sb.Append(",sasl=on");
            if (cfg.VncSaslDir is { } dir)
            {
                SetEnvBeforeEmulator("SASL_CONF_PATH", dir);
            }
        }

        if (g.PowerControl == "yes")
        {
            sb.Append(",power-control=on");
        }

        if (g.Passwd is not null)
        {
            sb.Append(",password=on");
        }

        if (AudioIdFor(g.AudioId) is { } audio)
        {
            sb.Append(",audiodev=").Append(audio);
        }

        Add("-vnc", TextBuilderCache.ToStringAndRelease(sb));
        if (g.Keymap is { } keymap)
        {
            Add("-k", keymap);
        }
    }

    private void SetEnvBeforeEmulator(string name, string value) => SetEnv(name, value);

    private void BuildSpice(GraphicsDevice g)
    {
        var opts = new List<string>();
        var listen = g.FirstListen;
        if (listen?.Type == "socket" || (cfg.SpiceAutoUnixSocket && (listen is null || (listen.Type == "address" && listen.Address is null))))
        {
            opts.Add("unix");
            opts.Add("addr=" + QemuProps.EscapeValue(listen?.Socket ?? LibDir + "/spice.sock"));
        }
        else if (listen?.Type == "none")
        {
            opts.Add("port=0");
        }
        else
        {
            var port = g.Port is > 0 ? g.Port.Value : g.AutoPort == true ? vncPortNext++ : 0;
            var tlsPort = g.TlsPort is > 0 ? g.TlsPort.Value : g.AutoPort == true && cfg.SpiceTls ? vncPortNext++ : 0;
            if (port > 0)
            {
                opts.Add("port=" + Num(port));
            }

            if (tlsPort > 0)
            {
                opts.Add("tls-port=" + Num(tlsPort));
            }

            if (port > 0 || tlsPort > 0)
            {
                var addr = listen?.Address ?? cfg.SpiceListen;
                opts.Add("addr=" + QemuProps.EscapeValue(addr.Contains(':', StringComparison.Ordinal) ? "[" + addr + "]" : addr));
            }

            if (tlsPort > 0)
            {
                opts.Add("x509-dir=" + QemuProps.EscapeValue(cfg.SpiceTlsX509CertDir ?? cfg.DefaultTlsX509CertDir ?? ""));
            }

            if (port == 0 && tlsPort == 0)
            {
                opts.Add("port=0");
            }
        }

        string? Attr(string element, string attr) => (string?)g.SpiceChildren.FirstOrDefault(c => c.Name.LocalName == element)?.Attribute(attr);
        if (Attr("mouse", "mode") is { } mouse)
        {
            opts.Add("agent-mouse=" + (mouse == "client" ? "on" : "off"));
        }

        // Without a password the ticket check must be off, or no client can connect;
        // with one, it is set over QMP after start.
        if (g.Passwd is null && cfg.SpicePassword is null)
        {
            opts.Add("disable-ticketing=on");
        }

        if (g.DefaultMode is "secure")
        {
            opts.Add("tls-channel=default");
        }
        else if (g.DefaultMode is "insecure")
        {
            opts.Add("plaintext-channel=default");
        }

        foreach (var ch in g.SpiceChildren.Where(c => c.Name.LocalName == "channel"))
        {
            var mode = (string?)ch.Attribute("mode");
            var name = (string?)ch.Attribute("name");
            if (mode == "secure")
            {
                opts.Add("tls-channel=" + QemuProps.EscapeValue(name ?? ""));
            }
            else if (mode == "insecure")
            {
                opts.Add("plaintext-channel=" + QemuProps.EscapeValue(name ?? ""));
            }
        }

        if (Attr("image", "compression") is { } image)
        {
            opts.Add("image-compression=" + QemuProps.EscapeValue(image));
        }

        if (Attr("jpeg", "compression") is { } jpeg)
        {
            opts.Add("jpeg-wan-compression=" + QemuProps.EscapeValue(jpeg));
        }

        if (Attr("zlib", "compression") is { } zlib)
        {
            opts.Add("zlib-glz-wan-compression=" + QemuProps.EscapeValue(zlib));
        }

        if (Attr("playback", "compression") is { } playback)
        {
            opts.Add("playback-compression=" + QemuProps.EscapeValue(playback));
        }

        if (Attr("streaming", "mode") is { } streaming)
        {
            opts.Add("streaming-video=" + QemuProps.EscapeValue(streaming));
        }

        if (Attr("clipboard", "copypaste") == "no")
        {
            opts.Add("disable-copy-paste=on");
        }

        if (Attr("filetransfer", "enable") == "no")
        {
            opts.Add("disable-agent-file-xfer=on");
        }

        if (g.GlEnable == "yes")
        {
            opts.Add("gl=on");
            if (p.Has("spice-rendernode"))
            {
                opts.Add("rendernode=" + QemuProps.EscapeValue(RenderNode(g.GlRendernode)));
            }
        }

        opts.Add("seamless-migration=on");
        Add("-spice", string.Join(',', opts));
        if (g.Keymap is { } keymap)
        {
            Add("-k", keymap);
        }
    }

    private void BuildSdl(GraphicsDevice g)
    {
        if (g.XAuth is not null)
        {
            SetEnv("XAUTHORITY", g.XAuth);
        }

        if (g.Display is not null)
        {
            SetEnv("DISPLAY", g.Display);
        }

        var sb = new StringBuilder("sdl");
        if (g.GlEnable == "yes")
        {
            sb.Append(",gl=on");
        }

        if (g.FullScreen)
        {
            Add("-full-screen");
        }

        Add("-display", sb.ToString());
    }

    private void BuildDbus(GraphicsDevice g)
    {
        var sb = new StringBuilder("dbus");
        if (g.P2p)
        {
            sb.Append(",p2p=on");
        }
        else
        {
            var address = g.DbusAddress ?? "unix:path=" + cfg.DbusStateDir + "/" + ctx.ShortName(def.Name) + "-dbus.sock";
            sb.Append(",addr=").Append(QemuProps.EscapeValue(address));
        }

        if (g.GlEnable == "yes")
        {
            sb.Append(",gl=on");
            sb.Append(",rendernode=").Append(QemuProps.EscapeValue(RenderNode(g.GlRendernode)));
        }

        if (g.AudioId is { } aid && AudioIdFor(aid) is { } audio)
        {
            sb.Append(",audiodev=").Append(audio);
        }

        Add("-display", sb.ToString());
    }

    private void BuildVideos()
    {
        foreach (var v in def.DevicesOf<VideoDevice>())
        {
            var model = v.ModelType ?? "none";
            if (model == "none")
            {
                continue;
            }

            var driver = VideoDeviceName(v);
            var props = new QemuProps().Str("driver", driver);

            // virtio transport options apply to the plain virtio-gpu devices, not the VGA variants.
            if (model == "virtio" && !driver.Contains("vga", StringComparison.Ordinal))
            {
                VirtioOptionProps(props, v.Virtio);
            }

            props.Str("id", v.Info.Alias);
            var vhostChardev = v.DriverName == "vhostuser" ? "chr-vu-" + v.Info.Alias : null;
            if (vhostChardev is not null)
            {
                Add("-chardev", "socket,id=" + vhostChardev + (ctx.PassedListenFd is { } vfd ? ",fd=" + Num(vfd) : ",path=" + QemuProps.EscapeValue(LibDir + "/" + vhostChardev + ".sock")));
            }
            if (model == "virtio" && v.Accel3d == "yes" && v.DriverName != "vhostuser" && !driver.Contains("-gl", StringComparison.Ordinal) && p.Has("virtio-gpu.virgl"))
            {
                props.Bool("virgl", true);
            }

            if (model is "qxl" or "virtio")
            {
                props.Num("max_outputs", v.Heads);
            }

            switch (model)
            {
                case "qxl":
                    props.UNum("ram_size", v.Ram * 1024).UNum("vram_size", v.Vram * 1024);
                    if (p.Has("qxl.vram64_size_mb"))
                    {
                        props.UNum("vram64_size_mb", (v.Vram64 ?? 0) / 1024);
                    }

                    if (p.Has("qxl.vgamem_mb") && v.Vgamem is { } qv)
                    {
                        props.UNum("vgamem_mb", qv / 1024);
                    }

                    break;
                case "vga" when p.Has("VGA.vgamem_mb") && v.Vram is { } vram:
                    props.UNum("vgamem_mb", vram / 1024);
                    break;
                case "vmvga" when p.Has("vmware-svga.vgamem_mb") && v.Vram is { } vram:
                    props.UNum("vgamem_mb", vram / 1024);
                    break;
                case "bochs" when v.Vram is { } vram:
                    props.UNum("vgamem", vram * 1024);
                    break;
                default:
                    break;
            }

            if (v.ResolutionX is { } x)
            {
                props.Num("xres", x);
            }

            if (v.ResolutionY is { } y)
            {
                props.Num("yres", y);
            }

            props.Str("chardev", vhostChardev);

            AddressProps(props, v.Info);
            Device(props);
        }
    }

    /// <summary>
    /// The QEMU device for a &lt;video&gt;. A virtio primary is virtio-vga (with its VGA
    /// compatibility framebuffer) only for guests whose firmware wants legacy VGA; elsewhere
    /// it is virtio-gpu, whatever the binary lists (see <see cref="Platform.Machine.WantsVgaCompatiblePrimary"/>).
    /// </summary>
    private string VideoDeviceName(VideoDevice v)
    {
        var model = v.ModelType ?? "none";
        var gl = v.Accel3d == "yes";
        if (v.Primary && model == "virtio" && v.Info.Address is PciAddress or null && !p.IsS390
            && Platform.Machine.WantsVgaCompatiblePrimary(p.Arch))
        {
            if (v.DriverName == "vhostuser" && p.Has("vhost-user-vga"))
            {
                return "vhost-user-vga";
            }

            if (gl && p.Has("virtio-vga-gl"))
            {
                return "virtio-vga-gl";
            }

            if (!gl || !p.Has("virtio-gpu-gl-pci"))
            {
                if (p.Has("virtio-vga"))
                {
                    return "virtio-vga";
                }
            }
        }

        return model switch
        {
            "vga" => "VGA",
            "cirrus" => "cirrus-vga",
            "vmvga" => "vmware-svga",
            "qxl" => v.Primary ? "qxl-vga" : "qxl",
            "bochs" => "bochs-display",
            "ramfb" => "ramfb",
            "virtio" when v.DriverName == "vhostuser" => "vhost-user-gpu" + VirtioSuffix(v.Info),
            "virtio" when gl && p.Has("virtio-gpu-gl-pci") && VirtioSuffix(v.Info) == "-pci" => "virtio-gpu-gl-pci",
            "virtio" => "virtio-gpu" + VirtioSuffix(v.Info),
            _ => throw DomainConfigException.Unsupported($"video type '{model}' is not supported with QEMU"),
        };
    }

    private void BuildHostdevs()
    {
        foreach (var h in def.DevicesOf<HostdevDevice>())
        {
            var props = new QemuProps();
            switch (h.Type)
            {
                case "mdev" when h.Model == "vfio-pci":
                    // fw_cfg (ramfb) cannot be hot-plugged, so QEMU only offers it on the
                    // non-hotpluggable variant of vfio-pci.
                    var ramfb = h.Ramfb == "on";
                    props.Str("driver", ramfb ? "vfio-pci-nohotplug" : "vfio-pci").Str("id", h.Info.Alias)
                        .Str("sysfsdev", "/sys/bus/mdev/devices/" + h.SourceMdevUuid)
                        .Str("display", h.Display);
                    if (ramfb)
                    {
                        props.Bool("ramfb", true);
                    }

                    break;
                case "mdev":
                    props.Str("driver", h.Model == "vfio-ccw" ? "vfio-ccw" : "vfio-ap").Str("id", h.Info.Alias)
                        .Str("sysfsdev", "/sys/bus/mdev/devices/" + h.SourceMdevUuid);
                    break;
                case "pci" when h.SourcePci is { } src:
                    props.Str("driver", "vfio-pci")
                        .Str("host", src.Domain.ToString("x4", CultureInfo.InvariantCulture) + ":" + src.Bus.ToString("x2", CultureInfo.InvariantCulture) + ":" + src.Slot.ToString("x2", CultureInfo.InvariantCulture) + "." + src.Function.ToString("x", CultureInfo.InvariantCulture))
                        .Str("id", h.Info.Alias);

                    // A transient teaming member names the virtio NIC it fails over to.
                    if (h.Extras.FirstOrDefault(e => e.Name.LocalName == "teaming") is { } teaming && (string?)teaming.Attribute("type") == "transient")
                    {
                        props.Str("failover_pair_id", (string?)teaming.Attribute("persistent"));
                    }

                    break;
                case "usb" when h.Source?.Element("address") is { } usbAddr:
                    var hostBus = (int)OptionText.ParseLong((string?)usbAddr.Attribute("bus") ?? "0", "USB host bus");
                    var hostDev = (int)OptionText.ParseLong((string?)usbAddr.Attribute("device") ?? "0", "USB host device");
                    props.Str("driver", "usb-host")
                        .Str("hostdevice", "/dev/bus/usb/" + hostBus.ToString("d3", CultureInfo.InvariantCulture) + "/" + hostDev.ToString("d3", CultureInfo.InvariantCulture))
                        .Str("id", h.Info.Alias);

                    // guestReset: 'off' never resets, 'uninitialized' resets only unconfigured devices.
                    switch ((string?)h.Source.Attribute("guestReset"))
                    {
                        case "off":
                            props.Bool("guest-reset", false);
                            break;
                        case "uninitialized":
                            props.Bool("guest-reset", true).Bool("guest-resets-all", false);
                            break;
                        case "on":
                            props.Bool("guest-reset", true).Bool("guest-resets-all", true);
                            break;
                        default:
                            break;
                    }

                    if (h.Info.BootOrder is { } usbBoot)
                    {
                        props.Num("bootindex", usbBoot);
                    }

                    AddressProps(props, h.Info);
                    Device(props);
                    continue;
                default:
                    throw DomainConfigException.Unsupported($"hostdev type '{h.Type}' is not supported by Vireo yet");
            }

            AddressProps(props, h.Info);
            if (h.Info.BootOrder is { } bo)
            {
                props.Num("bootindex", bo);
            }

            RomProps(props, h.Info);
            Device(props);
        }
    }

}
