using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Network interfaces: -netdev backends and NIC devices.</summary>
internal sealed partial class CommandLineBuilder
{
    private void BuildNetworks()
    {
        var boot = BootIndexes();
        var i = 0;
        foreach (var net in def.DevicesOf<GenericDevice>().Where(g => g.ElementName == "interface"))
        {
            var type = net.Attr("type") ?? "user";
            var hostnet = "host" + (net.Info.Alias ?? "net" + Num(i));
            i++;
            if (type == "user")
            {
                if (JsonNetdev)
                {
                    Add("-netdev", new QemuProps().Str("type", "user").Str("id", hostnet).ToJson());
                }
                else
                {
                    Add("-netdev", "user,id=" + hostnet);
                }
            }
            else
            {
                throw DomainConfigException.Unsupported($"interface type '{type}' is not supported by Vireo yet; use <interface type='user'>");
            }

            var model = net.Child("model")?.Attribute("type")?.Value ?? Addressing.PciDeviceNeeds.DefaultNicModel(p);
            var driver = model switch
            {
                "virtio" or "virtio-non-transitional" or "virtio-transitional" => "virtio-net" + VirtioSuffix(net.Info),
                _ => model,
            };
            var props = new QemuProps().Str("driver", driver).Str("netdev", hostnet).Str("id", net.Info.Alias);
            props.Str("mac", net.Child("mac")?.Attribute("address")?.Value ?? "52:54:00:00:00:00");
            AddressProps(props, net.Info);
            if (boot.TryGetValue(net, out var bi))
            {
                props.Num("bootindex", bi);
            }

            Device(props);
        }
    }
}
