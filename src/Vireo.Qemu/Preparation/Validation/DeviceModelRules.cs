using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>
/// Per-device-model rules: panic notifiers, watchdogs, USB redirection, sound cards, memory
/// balloons, random number generators, inputs and SCSI controllers the binary must provide.
/// </summary>
internal static class DeviceModelRules
{
    private static readonly string[] VirtioScsiModels = ["virtio-scsi", "virtio-transitional", "virtio-non-transitional"];

    private static readonly string[] VirtioScsiOnlyOptions = ["queues", "cmd_per_lun", "max_sectors", "ioeventfd", "iothread"];

    /// <summary>Device rules on the filled-in definition.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        var caps = KnowsCaps(p);
        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            CheckControllerOptions(c);
            if (caps && c.Type == "scsi")
            {
                CheckScsiModel(c, p);
            }
        }

        foreach (var panic in def.DevicesOf<PanicDevice>())
        {
            CheckPanic(panic, p, caps);
        }

        foreach (var w in def.DevicesOf<WatchdogDevice>())
        {
            CheckWatchdog(w, p);
        }

        if (!caps)
        {
            return;
        }

        foreach (var dev in def.Devices)
        {
            switch (dev)
            {
                case SoundDevice sound:
                    CheckSound(sound, p);
                    break;
                case MemballoonDevice balloon:
                    CheckBalloon(balloon, p);
                    break;
                case RngDevice rng:
                    CheckRng(rng, p);
                    break;
                case InputDevice input:
                    CheckInput(input, p);
                    break;
                case GenericDevice { ElementName: "redirdev" } redir:
                    CheckRedirdev(redir, def, p);
                    break;
                default:
                    break;
            }
        }
    }

    private static void CheckControllerOptions(ControllerDevice c)
    {
        if (c.Type == "scsi" && (c.Model is null || Array.IndexOf(VirtioScsiModels, c.Model) >= 0))
        {
            return;
        }

        if (c.Driver.IsDefaultOrEmpty)
        {
            return;
        }

        foreach (var option in VirtioScsiOnlyOptions)
        {
            if (c.Driver.Any(kv => kv.Key == option))
            {
                var verb = option == "iothread" ? "for" : "by";
                throw Unsupported($"'{option}' is only supported {verb} virtio-scsi controller");
            }
        }
    }

    private static void CheckScsiModel(ControllerDevice c, PlatformContext p)
    {
        var (flag, name) = c.Model switch
        {
            "lsilogic" => ("lsi", "the LSI 53C895A SCSI controller"),
            "virtio-scsi" or "virtio-transitional" or "virtio-non-transitional" => ("virtio-scsi-pci", "virtio scsi controller"),
            "lsisas1068" => ("mptsas1068", "the LSI SAS1068 (MPT Fusion) controller"),
            "lsisas1078" => ("megasas", "the LSI SAS1078 (MegaRAID) controller"),
            "vmpvscsi" => ("pvscsi", "the pvscsi (VMware paravirtual SCSI) controller"),
            _ => ((string?)null, (string?)null),
        };
        if (c.Model is "auto" or "buslogic")
        {
            throw Unsupported($"Unsupported controller model: {c.Model}");
        }

        if (flag is not null && !p.Has(flag))
        {
            throw Unsupported($"This QEMU doesn't support {name}");
        }
    }

    private static void CheckPanic(PanicDevice panic, PlatformContext p, bool caps)
    {
        var model = panic.Model ?? (p.IsPSeries ? "pseries" : p.IsS390 ? "s390" : "isa");
        var hasAddress = panic.Info.Address is not null;
        switch (model)
        {
            case "s390":
                if (!p.IsS390)
                {
                    throw Unsupported("only S390 guests support panic device of model 's390'");
                }

                if (hasAddress)
                {
                    throw Unsupported("setting the panic device address is not supported for model 's390'");
                }

                break;
            case "hyperv":
                if (!p.IsX86)
                {
                    throw Unsupported("only i686 and x86_64 guests support panic device of model 'hyperv'");
                }

                if (hasAddress)
                {
                    throw Unsupported("setting the panic device address is not supported for model 'hyperv'");
                }

                break;
            case "pseries":
                if (!p.IsPSeries)
                {
                    throw Unsupported("only pSeries guests support panic device of model 'pseries'");
                }

                if (hasAddress)
                {
                    throw Unsupported("setting the panic device address is not supported for model 'pseries'");
                }

                break;
            case "isa":
                if (caps && !p.Has("pvpanic"))
                {
                    throw Unsupported("the QEMU binary does not support the ISA panic device");
                }

                if (panic.Info.Address is { } address && address.TypeName != "isa")
                {
                    throw Unsupported("panic is supported only with ISA address type");
                }

                break;
            default:
                break;
        }
    }

    private static void CheckWatchdog(WatchdogDevice w, PlatformContext p)
    {
        switch (w.Model)
        {
            case "i6300esb":
                if (w.Info.Address is { } address and not PciAddress)
                {
                    throw Unsupported("i6300esb model of watchdog can go only on PCI bus");
                }

                break;
            case "diag288":
                if (w.Info.Address is not null)
                {
                    throw Unsupported("diag288 model of watchdog is virtual and cannot go on any bus.");
                }

                if (!p.IsS390)
                {
                    throw Unsupported("diag288 model of watchdog is allowed for s390 and s390x only");
                }

                break;
            default:
                break;
        }
    }

    private static void CheckSound(SoundDevice sound, PlatformContext p)
    {
        switch (sound.Model)
        {
            case "usb":
                if (!p.Has("usb-audio"))
                {
                    throw Unsupported("usb-audio controller is not supported by this QEMU binary");
                }

                break;
            case "ich9":
                if (!p.Has("ich9-intel-hda"))
                {
                    throw Unsupported("The ich9-intel-hda audio controller is not supported in this QEMU binary");
                }

                break;
            case "ich7":
                throw Internal("sound card model 'ich7' is not supported by qemu");
            default:
                break;
        }

        if (sound.Model is "ich6" or "ich9")
        {
            foreach (var codec in sound.Codecs)
            {
                var device = "hda-" + codec;
                if (codec is not ("duplex" or "micro" or "output") || !p.Has(device))
                {
                    throw Unsupported($"{device} not supported in this QEMU binary");
                }
            }
        }
    }

    private static void CheckBalloon(MemballoonDevice balloon, PlatformContext p)
    {
        if (balloon.Model == "none")
        {
            return;
        }

        if (balloon.Model is not ("virtio" or "virtio-transitional" or "virtio-non-transitional"))
        {
            throw Unsupported($"Memory balloon device type '{balloon.Model}' is not supported by this version of qemu");
        }

        if (balloon.AutoDeflate is not null && !p.Has("virtio-balloon-pci.deflate-on-oom"))
        {
            throw Unsupported("deflate-on-oom is not supported by this QEMU binary");
        }

        if (balloon.FreePageReporting is not null && !p.Has("virtio-balloon.free-page-reporting"))
        {
            throw Unsupported("freePageReporting is not supported by this QEMU binary");
        }
    }

    private static void CheckRng(RngDevice rng, PlatformContext p)
    {
        var backendFlag = rng.BackendModel switch
        {
            "random" => "rng-random",
            "egd" => "rng-egd",
            "builtin" => "rng-builtin",
            _ => null,
        };
        if (backendFlag is not null && !p.Has(backendFlag))
        {
            throw Unsupported($"this qemu doesn't support the {backendFlag} backend");
        }

        if (rng.Model is "virtio" or "virtio-transitional" or "virtio-non-transitional" && !p.Has("virtio-rng"))
        {
            throw Unsupported($"domain configuration does not support rng model '{rng.Model}'");
        }
    }

    private static void CheckInput(InputDevice input, PlatformContext p)
    {
        if (input.Bus == "ps2" && !p.IsX86 && !p.Has("i8042"))
        {
            throw Unsupported("ps2 is not supported by this QEMU binary");
        }

        if (input.Bus == "usb" && input.Type == "keyboard" && !p.Has("usb-kbd"))
        {
            throw Unsupported("usb keyboard is not supported by this QEMU binary");
        }

        if (input.Bus != "virtio")
        {
            return;
        }

        var (device, flag, ccwFlag) = input.Type switch
        {
            "mouse" => ("virtio-mouse", "virtio-mouse", "virtio-mouse-ccw"),
            "tablet" => ("virtio-tablet", "virtio-tablet", "virtio-tablet-ccw"),
            "keyboard" => ("virtio-keyboard", "virtio-keyboard", "virtio-keyboard-ccw"),
            "passthrough" => ("virtio-input-host", "virtio-input-host", null),
            "evdev" => ("input-linux", "input-linux", null),
            _ => ((string?)null, (string?)null, (string?)null),
        };
        if (flag is not null && (!p.Has(flag) || (input.Info.Address is CcwAddress && ccwFlag is not null && !p.Has(ccwFlag))))
        {
            throw Unsupported($"{device} is not supported by this QEMU binary");
        }
    }

    private static void CheckRedirdev(GenericDevice redir, DomainDefinition def, PlatformContext p)
    {
        var bus = redir.Attr("bus") ?? "usb";
        if (bus != "usb")
        {
            throw Unsupported($"Redirection bus {bus} is not supported by QEMU");
        }

        if (!p.Has("usb-redir"))
        {
            throw Unsupported("USB redirection is not supported by this version of QEMU");
        }

        var filter = def.DevicesOf<GenericDevice>().FirstOrDefault(g => g.ElementName == "redirfilter");
        if (filter is not null && filter.Element.Elements("usbdev").Any() && !p.Has("usb-redir.filter"))
        {
            throw Unsupported("USB redirection filter is not supported by this version of QEMU");
        }
    }
}
