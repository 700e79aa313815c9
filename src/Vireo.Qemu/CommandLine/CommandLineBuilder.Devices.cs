using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Controllers, disks, network, character devices, input, balloon, RNG.</summary>
internal sealed partial class CommandLineBuilder
{

    /// <summary>Adds QEMU's bus/address properties for a device's address.</summary>
    private void AddressProps(QemuProps props, DeviceInfo info)
    {
        switch (info.Address)
        {
            case PciAddress a:
                props.Str("bus", PciBusAlias(a.Bus));
                if (a.Multifunction is { } mf)
                {
                    props.Bool("multifunction", mf);
                }

                props.Str("addr", a.QemuAddr);
                break;
            case UsbAddress u:
                props.Str("bus", UsbBusAlias(u.Bus) + ".0").Str("port", u.Port);
                break;
            case CcwAddress c:
                props.Str("devno", c.Cssid.ToString("x", CultureInfo.InvariantCulture) + "." + c.Ssid.ToString("x", CultureInfo.InvariantCulture) + "." + c.Devno.ToString("x4", CultureInfo.InvariantCulture));
                break;
            case VirtioSerialAddress v:
                props.Str("bus", "virtio-serial" + Num(v.Controller) + "." + Num(v.Bus)).Num("nr", v.Port);
                break;
            case SpaprVioAddress s:
                props.UNum("reg", s.Reg);
                break;
            default:
                break;
        }
    }

    private string PciBusAlias(int bus)
    {
        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            if (c.Type == "pci" && c.Index == bus)
            {
                return c.Info.Alias ?? DeviceAliases.ControllerAlias(c, p);
            }
        }

        return "pci." + Num(bus);
    }

    private string UsbBusAlias(int bus)
    {
        foreach (var c in def.DevicesOf<ControllerDevice>())
        {
            if (c.Type == "usb" && c.Index == bus)
            {
                return c.Info.Alias ?? "usb";
            }
        }

        return "usb";
    }

    /// <summary>"-pci", "-ccw" or "-device" suffix of a virtio device, from where it sits.</summary>
    private string VirtioSuffix(DeviceInfo info) => info.Address switch
    {
        CcwAddress => "-ccw",
        PciAddress => "-pci",
        OtherAddress { Type: "virtio-mmio" } => "-device",
        _ when p.IsS390 => "-ccw",
        _ => "-pci",
    };

    private void VirtioOptionProps(QemuProps props, VirtioOptions v)
    {
        props.OnOff("iommu_platform", v.Iommu).OnOff("ats", v.Ats).OnOff("packed", v.Packed).OnOff("page-per-vq", v.PagePerVq);
    }

    private void BuildInputs()
    {
        foreach (var i in def.DevicesOf<InputDevice>())
        {
            string? driver = (i.Bus, i.Type) switch
            {
                ("usb", "mouse") => "usb-mouse",
                ("usb", "tablet") => "usb-tablet",
                ("usb", "keyboard") => "usb-kbd",
                ("virtio", "mouse") => "virtio-mouse" + VirtioSuffix(i.Info),
                ("virtio", "tablet") => "virtio-tablet" + VirtioSuffix(i.Info),
                ("virtio", "keyboard") => "virtio-keyboard" + VirtioSuffix(i.Info),
                ("virtio", "passthrough") => "virtio-input-host" + VirtioSuffix(i.Info),
                _ => null,
            };
            if (driver is null)
            {
                continue;
            }

            var props = new QemuProps().Str("driver", driver).Str("id", i.Info.Alias);
            if (i.Type == "passthrough")
            {
                props.Str("evdev", (string?)i.Source?.Attribute("evdev"));
            }

            AddressProps(props, i.Info);
            VirtioOptionProps(props, i.Virtio);
            Device(props);
        }
    }

    private void BuildMemballoon()
    {
        var m = def.DevicesOf<MemballoonDevice>().FirstOrDefault();
        if (m is null || m.Model == "none")
        {
            return;
        }

        var props = new QemuProps().Str("driver", "virtio-balloon" + VirtioSuffix(m.Info)).Str("id", m.Info.Alias);
        AddressProps(props, m.Info);
        props.OnOff("deflate-on-oom", m.AutoDeflate).OnOff("free-page-reporting", m.FreePageReporting);
        VirtioOptionProps(props, m.Virtio);
        Device(props);
    }

    private void BuildRngs()
    {
        foreach (var rng in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "rng"))
        {
            var backend = rng.Child("backend");
            var objId = "obj" + rng.Info.Alias;
            switch ((string?)backend?.Attribute("model"))
            {
                case "random":
                    ObjectArg(new QemuProps().Str("qom-type", "rng-random").Str("id", objId).Str("filename", backend!.Value.Trim().Length > 0 ? backend.Value.Trim() : "/dev/random"));
                    break;
                case "builtin":
                    ObjectArg(new QemuProps().Str("qom-type", "rng-builtin").Str("id", objId));
                    break;
                default:
                    throw DomainConfigException.Unsupported("this RNG backend is not supported by Vireo yet; use <backend model='random'>");
            }

            var props = new QemuProps().Str("driver", "virtio-rng" + VirtioSuffix(rng.Info)).Str("rng", objId).Str("id", rng.Info.Alias);
            if (rng.Child("rate") is XElement rate)
            {
                props.Num("max-bytes", long.Parse((string?)rate.Attribute("bytes") ?? "0", CultureInfo.InvariantCulture));
                props.Num("period", long.Parse((string?)rate.Attribute("period") ?? "1000", CultureInfo.InvariantCulture));
            }

            AddressProps(props, rng.Info);
            Device(props);
        }
    }
}
