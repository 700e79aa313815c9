using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>
/// User aliases (<c>ua-*</c>) become QEMU ids, so two devices may not share one. libvirt
/// refuses it as "unsupported configuration: non unique alias detected: ALIAS"
/// (virDomainDefValidateAliases; checked with virsh domxml-to-native on libvirt 9.0).
/// </summary>
internal static class AliasRules
{
    /// <summary>Refuses the second device carrying an alias already used.</summary>
    public static void Validate(DomainDefinition def)
    {
        // The first console may repeat the first serial port's alias: it is the same port.
        var firstSerial = def.Devices.OfType<ChardevDevice>().FirstOrDefault(c => c.Kind == "serial");
        var firstConsole = def.Devices.OfType<ChardevDevice>().FirstOrDefault(c => c.Kind == "console");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var dev in def.Devices)
        {
            if (dev.Info.Alias is not { } alias || !alias.StartsWith("ua-", StringComparison.Ordinal))
            {
                continue;
            }

            if (ReferenceEquals(dev, firstConsole) && firstSerial?.Info.Alias == alias && firstConsole.TargetType is null or "serial")
            {
                continue;
            }

            if (!seen.Add(alias))
            {
                throw Unsupported($"non unique alias detected: {alias}");
            }
        }
    }
}
