using System.Collections.Immutable;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.Preparation;

/// <summary>Devices libvirt adds without being asked, and primary video selection.</summary>
public static partial class DomainPreparer
{
    /// <summary>The highest controller index a drive address may imply (a Vireo limit; see docs/security.md).</summary>
    private const int MaxImpliedControllerIndex = 1023;

    private static DomainDefinition AddImplicitDevices(DomainDefinition def, PlatformContext p, DriverConfig config)
    {
        var devices = NumberUnindexedControllers(def.Devices);
        bool HasController(string type, int index) => HasControllerIn(devices, type, index);
        // libvirt appends implicit controllers after every defined one (virDomainDefAddController;
        // reference libvirt 9.0: an implicit pci-root follows a defined pci-bridge index 8).
        void AddController(ControllerDevice c) => devices = devices.Add(ControllerDefaultsFor(c, p));

        // 1. The machine's built-in controllers and default devices.
        // Q35 gets a USB controller only when the binary has a model for it (xHCI, else EHCI).
        var addUsb = (p.IsX86 && !Machine.IsMicrovm(p.Arch, p.Machine) || p.IsPSeries) && !(p.IsQ35 && DefaultUsbModel(p, implicitController: true) is null);
        if (addUsb && !HasDevice<ControllerDevice>(devices, static c => c.Type == "usb"))
        {
            var usbModel = DefaultUsbModel(p, implicitController: true);
            AddController(new ControllerDevice { Type = "usb", Index = 0, Model = usbModel });

            // An ICH9 EHCI comes with its three UHCI companions, two ports each.
            if (usbModel == "ich9-ehci1")
            {
                for (var n = 1; n <= 3; n++)
                {
                    AddController(new ControllerDevice { Type = "usb", Index = 0, Model = "ich9-uhci" + n.ToString(System.Globalization.CultureInfo.InvariantCulture), MasterStartPort = (n - 1) * 2 });
                }
            }
        }

        if (p.IsQ35 && !HasController("sata", 0))
        {
            AddController(new ControllerDevice { Type = "sata", Index = 0 });
        }

        // s390 has a PCI root only for zPCI passthrough.
        // Source: libvirt 9.0 qemuDomainDefAddDefaultDevices — 32-bit PPC, Alpha and SH4 boards
        // have a conventional PCI root too.
        var legacyPciBoard = p.Arch is "ppc" or "ppcle" or "ppcemb" or "alpha" or "sh4" or "sh4eb";
        if ((p.IsI440fx || p.IsPSeries || legacyPciBoard || (p.IsS390Ccw && p.Has("zpci"))) && !HasController("pci", 0))
        {
            AddController(new ControllerDevice { Type = "pci", Index = 0, Model = "pci-root" });
        }

        // ARM and RISC-V virt boards have PCIe only when QEMU has the generic PCIe host (gpex).
        if (p.HasPcieRoot && (p.IsQ35 || p.Has("gpex-pcihost")) && !HasController("pci", 0))
        {
            AddController(new ControllerDevice { Type = "pci", Index = 0, Model = "pcie-root" });
        }

        // ARM and SPARC boards get no balloon unless asked for (libvirt qemuDomainDefAddDefaultDevices;
        // the corpus' sparc-minimal has none).
        if (!HasDevice<MemballoonDevice>(devices) && !Machine.IsArm(p.Arch) && p.Arch is not ("sparc" or "sparc64"))
        {
            devices = devices.Add(new MemballoonDevice { Model = "virtio" });
        }

        // s390 and pSeries guests always have their firmware panic notifier.
        devices = AddFirmwarePanic(devices, p);

        var graphics = devices.OfType<GraphicsDevice>().ToList();

        // 2. pSeries with graphics gets USB keyboard and mouse (no PS/2 there).
        if (p.IsPSeries && graphics.Count > 0)
        {
            if (!HasDevice<InputDevice>(devices, static i => i.Type == "keyboard" && i.Bus == "usb"))
            {
                devices = devices.Add(new InputDevice { Type = "keyboard", Bus = "usb" });
            }

            // A USB mouse only when there is no USB tablet (the tablet is the better pointer).
            if (!HasDevice<InputDevice>(devices, static i => i.Type is "mouse" or "tablet" && i.Bus == "usb"))
            {
                devices = devices.Add(new InputDevice { Type = "mouse", Bus = "usb" });
            }
        }

        // 3. PC chipsets (i440fx, q35, isapc) carry an i8042 with a PS/2 mouse and keyboard,
        //    present whether or not the guest has a display, unless <ps2 state='off'/>.
        var hasI8042 = p.IsI440fx || p.IsQ35 || (p.IsX86 && p.Machine == "isapc");
        if (hasI8042 && (string?)def.Feature("ps2")?.Attribute("state") != "off")
        {
            if (!HasDevice<InputDevice>(devices, static i => i.Type == "mouse" && i.Bus == "ps2"))
            {
                devices = devices.Add(new InputDevice { Type = "mouse", Bus = "ps2" });
            }

            if (!HasDevice<InputDevice>(devices, static i => i.Type == "keyboard" && i.Bus == "ps2"))
            {
                devices = devices.Add(new InputDevice { Type = "keyboard", Bus = "ps2" });
            }
        }

        // 4. An audio backend for whatever can play sound.
        if (!HasDevice<AudioDevice>(devices))
        {
            var audioType = DefaultAudioType(graphics, HasDevice<SoundDevice>(devices), config);
            if (audioType is not null)
            {
                devices = devices.Add(DefaultAudioBackend(audioType, config));
            }
        }

        // 5. Serial/parallel port numbers; console/serial compatibility (the first serial console is also a serial port).
        devices = PrepareChardevs(devices, p);

        // 6. Controllers implied by devices (disk buses, virtio-serial for virtio channels/consoles).
        foreach (var (type, max) in ImpliedControllers(devices))
        {
            // Vireo's bound (libvirt has none): every index up to the highest one gets a controller.
            if (max > MaxImpliedControllerIndex)
            {
                throw Domain.Errors.DomainConfigException.Xml($"{type} controller index {max} in a drive address is over the limit of {MaxImpliedControllerIndex}");
            }

            for (var idx = 0; idx <= max; idx++)
            {
                if (!HasController(type, idx))
                {
                    var model = type == "usb" ? DefaultUsbModel(p) : null;
                    AddController(new ControllerDevice { Type = type, Index = idx, Model = model });
                }
            }
        }

        // 6a. Smartcards sit in CCID slots.
        devices = AssignSmartcardSlots(devices);

        // 6b. Each virtio channel or console needs the virtio-serial controller it names (0 when
        //     it names none); libvirt appends such a controller after the others.
        devices = AddVirtioSerialControllers(devices, p);

        // 7. Graphics without video get the platform's default video card.
        if (graphics.Count > 0 && !HasDevice<VideoDevice>(devices))
        {
            devices = devices.Add(VideoDefaultsFor(new VideoDevice(), p));
        }

        var os = def.Os;
        if (os.BootDevices.IsDefaultOrEmpty && !devices.Any(d => d.Info.BootOrder is not null))
        {
            os = os with { BootDevices = ["hd"] };
        }

        return def with { Devices = devices, Os = os };
    }

    private static string? DefaultAudioType(List<GraphicsDevice> graphics, bool hasSound, DriverConfig config)
    {
        // Without graphics, or with VNC, the guest gets a silent backend (or the host's
        // when allowed); SPICE carries audio itself; SDL, egl-headless and D-Bus displays
        // get nothing unless asked.
        _ = hasSound;
        if (graphics.Count == 0)
        {
            return config.NoGraphicsAllowHostAudio ? HostAudio(config) ?? "none" : "none";
        }

        string? type = null;
        foreach (var g in graphics)
        {
            switch (g.Type)
            {
                case "vnc":
                    type = config.VncAllowHostAudio ? HostAudio(config) ?? "none" : "none";
                    break;
                case "spice":
                    type = "spice";
                    break;
                case "sdl":
                    // SDL plays through the host's audio as the environment selects it (nothing when unset).
                    type = HostAudio(config) ?? type;
                    break;
                default:
                    break;
            }
        }

        return type;
    }

    private static string? HostAudio(DriverConfig config) =>
        config.HostEnvironment.TryGetValue("QEMU_AUDIO_DRV", out var drv) ? drv switch
        {
            "pa" => "pulseaudio",
            "wav" => "file",
            _ => drv,
        } : null;

    private static IEnumerable<(string Type, int Max)> ImpliedControllers(ImmutableArray<DomainDevice> devices)
    {
        var max = new Dictionary<string, int>(StringComparer.Ordinal);
        void Need(string type, int idx)
        {
            max[type] = max.TryGetValue(type, out var m) ? Math.Max(m, idx) : idx;
        }

        foreach (var d in devices)
        {
            switch (d)
            {
                case DiskDevice { Info.Address: DriveAddress a } disk when disk.TargetBus is "ide" or "sata" or "scsi" or "fdc":
                    Need(disk.TargetBus!, a.Controller);
                    break;
                case SmartcardDevice:
                    Need("ccid", 0);
                    break;
                default:
                    break;
            }
        }

        // libvirt adds implicit controllers in this order of types.
        string[] order = ["ide", "fdc", "scsi", "sata", "virtio-serial", "ccid", "usb"];
        return order.Where(max.ContainsKey).Select(t => (t, max[t]));
    }

    private static DomainDefinition SelectPrimaryVideo(DomainDefinition def)
    {
        var videos = def.Devices.OfType<VideoDevice>().ToList();
        if (videos.Count == 0)
        {
            return def;
        }

        var primaries = videos.Where(v => v.Primary).ToList();
        if (primaries.Count > 1)
        {
            throw Domain.Errors.DomainConfigException.Unsupported("Only one primary video device is supported");
        }

        var primary = primaries.Count == 1 ? primaries[0] : videos[0];
        if (primary.ModelType == "none" || (primary.Primary && ReferenceEquals(primary, videos[0])))
        {
            // Nothing to do: no primary card, or it is marked and already first.
            return def;
        }

        // Move the primary to the front of the video list, keeping the others' order.
        var ordered = new List<VideoDevice> { primary with { Primary = true } };
        ordered.AddRange(videos.Where(v => !ReferenceEquals(v, primary)));
        var b = ImmutableArray.CreateBuilder<DomainDevice>(def.Devices.Length);
        var next = 0;
        foreach (var d in def.Devices)
        {
            b.Add(d is VideoDevice ? ordered[next++] : d);
        }

        return def with { Devices = b.MoveToImmutable() };
    }

    /// <summary>The implicit audio backend; an SDL one takes its driver from SDL_AUDIODRIVER.</summary>
    private static AudioDevice DefaultAudioBackend(string type, DriverConfig config)
    {
        var audio = new AudioDevice { Id = 1, Type = type };
        if (type == "sdl" && config.HostEnvironment.TryGetValue("SDL_AUDIODRIVER", out var driver))
        {
            audio = audio with { Attributes = [new("driver", driver)] };
        }

        return audio;
    }

    /// <summary>A controller written without index='N' takes the lowest index free for its type.</summary>
    private static ImmutableArray<DomainDevice> NumberUnindexedControllers(ImmutableArray<DomainDevice> devices)
    {
        var b = devices.ToBuilder();
        for (var i = 0; i < b.Count; i++)
        {
            if (b[i] is ControllerDevice { Index: -1 } c)
            {
                var index = 0;
                while (b.OfType<ControllerDevice>().Any(o => o.Type == c.Type && o.Index == index))
                {
                    index++;
                }

                b[i] = c with { Index = index };
            }
        }

        return b.ToImmutable();
    }
}
