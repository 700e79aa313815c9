using System.Globalization;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>PCI address rules: value ranges, and two devices asking for the same function.</summary>
internal static class PciAddressRules
{
    /// <summary>Ranges of every PCI address written in the definition.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        foreach (var dev in def.Devices)
        {
            if (dev.Info.Address is PciAddress a)
            {
                CheckRange(a);
                CheckZpciRange(a);
            }

            if (dev is HostdevDevice { SourcePci: { } source })
            {
                CheckRange(source);
            }
        }
    }

    /// <summary>Conflicts between explicit addresses and with the i440fx's built-in PIIX3 functions.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        if (!p.Has("zpci") && def.Devices.Any(d => d.Info.Address is PciAddress { ZpciUid: not null } or PciAddress { ZpciFid: not null }))
        {
            throw Unsupported("This QEMU binary doesn't support zPCI");
        }

        var used = new HashSet<(int, int, int, int)>();
        foreach (var dev in def.Devices)
        {
            // An all-zero address only asks for a PCI address; one will be assigned.
            if (dev is ChardevDevice { Kind: "console" } || dev.Info.Address is not PciAddress a || IsEmpty(a))
            {
                continue;
            }

            if (!used.Add((a.Domain, a.Bus, a.Slot, a.Function)))
            {
                throw Xml($"Attempted double use of PCI Address {FormatPci(a)}");
            }
        }

        if (!p.IsI440fx)
        {
            return;
        }

        // The PIIX3 southbridge owns slot 1: IDE on function 1, the first USB controller on function 2.
        var controllers = def.DevicesOf<ControllerDevice>().ToList();
        var ide = controllers.FirstOrDefault(c => c.Type == "ide" && c.Index == 0);
        var usb = controllers.FirstOrDefault(c => c.Type == "usb" && c.Index == 0 && c.Model is null or "piix3-uhci");
        CheckBuiltIn(def, ide, 1);
        CheckBuiltIn(def, usb, 2);
    }

    private static void CheckBuiltIn(DomainDefinition def, ControllerDevice? owner, int function)
    {
        if (owner is null || owner.Info.Address is not null)
        {
            return;
        }

        foreach (var dev in def.Devices)
        {
            if (!ReferenceEquals(dev, owner) && dev.Info.Address is PciAddress { Domain: 0, Bus: 0, Slot: 1 } a && a.Function == function)
            {
                throw Xml($"Attempted double use of PCI Address {FormatPci(a)}");
            }
        }
    }

    /// <summary>A zPCI uid is 1..0xffff; a fid fits 32 bits.</summary>
    private static void CheckZpciRange(PciAddress a)
    {
        if (a.ZpciUid is { } uidText && TryZpci(uidText) is { } uid && uid is 0 or > 0xffff)
        {
            throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address uid='0x{0:x4}', must be > 0x0000 and <= 0xffff", uid));
        }

        if (a.ZpciFid is { } fidText && TryZpci(fidText) is { } fid && fid > 0xffffffff)
        {
            throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address fid='0x{0:x8}', must be <= 0xffffffff", fid));
        }
    }

    private static ulong? TryZpci(string text)
    {
        var t = text.Trim();
        return t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h : null
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>zPCI identifiers (s390): the binary must know zPCI, and a uid is 1 to 0xffff.</summary>
    public static void CheckZpci(DomainDefinition def, PlatformContext p)
    {
        var uids = new HashSet<ulong>();
        var fids = new HashSet<ulong>();
        foreach (var dev in def.Devices)
        {
            if (dev.Info.Address is not PciAddress { } a || (a.ZpciUid is null && a.ZpciFid is null))
            {
                continue;
            }

            if (KnowsCaps(p) && !p.Has("zpci"))
            {
                throw Unsupported("This QEMU binary doesn't support zPCI");
            }

            if (a.ZpciUid is { } uidText && TryUnsigned(uidText, out var uid) && (uid == 0 || uid > 0xFFFF))
            {
                throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address uid='0x{0:x4}', must be > 0x0000 and <= 0xffff", uid));
            }

            if (a.ZpciUid is { } u && TryUnsigned(u, out var reservedUid) && !uids.Add(reservedUid))
            {
                throw Internal($"zPCI uid {N(reservedUid)} is already reserved");
            }

            if (a.ZpciFid is { } f && TryUnsigned(f, out var reservedFid) && !fids.Add(reservedFid))
            {
                throw Internal($"zPCI fid {N(reservedFid)} is already reserved");
            }
        }
    }

    private static bool IsEmpty(PciAddress a) => a.Domain == 0 && a.Bus == 0 && a.Slot == 0;

    private static void CheckRange(PciAddress a)
    {
        if (IsEmpty(a))
        {
            return;
        }

        if (a.Domain is < 0 or > 0xFFFF)
        {
            throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address domain='0x{0:x}', must be <= 0xFFFF", a.Domain));
        }

        if (a.Bus is < 0 or > 0xFF)
        {
            throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address bus='0x{0:x}', must be <= 0xFF", a.Bus));
        }

        if (a.Slot is < 0 or > 0x1F)
        {
            throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address slot='0x{0:x}', must be <= 0x1F", a.Slot));
        }

        if (a.Function is < 0 or > 7)
        {
            throw Xml(string.Format(CultureInfo.InvariantCulture, "Invalid PCI address function=0x{0:x}, must be <= 7", a.Function));
        }
    }
}
