using System.Collections.Immutable;
using Vireo.Qemu.Firmware;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>The <c>&lt;os&gt;</c> section: firmware descriptors and loader images.</summary>
public static partial class DomainCapabilitiesBuilder
{
    // Firmware descriptor interface types → libvirt <os firmware=> values.
    // Source: libvirt src/qemu/qemu_firmware.c qemuFirmwareGetSupported.
    private static readonly ImmutableDictionary<string, string> FirmwareInterfaces =
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["bios"] = "bios",
            ["uefi"] = "efi",
        }.ToImmutableDictionary(StringComparer.Ordinal);

    // A descriptor with this feature makes libvirt offer secure boot (it checks SMM, not
    // secure-boot itself). Source: qemu_firmware.c qemuFirmwareGetSupported.
    private const string SecureBootMarker = "requires-smm";

    private static DomainCapsOs BuildOs(string arch, string? machine, DomainCapsOptions opts)
    {
        var firmware = new List<string>();
        var secure = false;
        var images = new List<string>();
        var seenPairs = new HashSet<(string, string?)>();
        foreach (var fw in opts.FirmwareDescriptors)
        {
            if (!fw.Matches(machine, arch))
            {
                continue;
            }

            foreach (var iface in fw.InterfaceTypes)
            {
                if (FirmwareInterfaces.TryGetValue(iface, out var value))
                {
                    firmware.Add(value);
                }
            }

            secure |= fw.Features.Contains(SecureBootMarker, StringComparer.Ordinal);
            if (fw.Executable is { } exe && seenPairs.Add((exe, fw.NvramTemplate)))
            {
                images.Add(exe);
            }
        }

        ImmutableArray<string> values;
        if (opts.ForcedLoaderValues is { } forced)
        {
            values = forced;
        }
        else
        {
            // Without any descriptor libvirt falls back to the loaders configured in qemu.conf.
            var candidates = opts.FirmwareDescriptors.IsEmpty ? opts.ConfiguredLoaders.AsEnumerable() : images;
            var exists = opts.FileExists ?? (_ => true);
            values = [.. candidates.Where(exists).Distinct(StringComparer.Ordinal)];
        }

        var secureValues = secure ? new[] { "yes", "no" } : ["no"];
        return new DomainCapsOs
        {
            Supported = true,
            Firmware = LibvirtEnumOrder.Enum("firmware", firmware, LibvirtEnumOrder.Firmware),
            Loader = new DomainCapsLoader
            {
                Supported = true,
                Values = values,
                Enums =
                [
                    LibvirtEnumOrder.Enum("type", ["rom", "pflash"], LibvirtEnumOrder.LoaderType),
                    LibvirtEnumOrder.Enum("readonly", ["yes", "no"], LibvirtEnumOrder.TristateBool),
                    LibvirtEnumOrder.Enum("secure", secureValues, LibvirtEnumOrder.TristateBool),
                ],
            },
        };
    }
}
