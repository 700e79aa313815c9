using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Qemu.Platform;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>The <c>&lt;features&gt;</c> section.</summary>
public static partial class DomainCapabilitiesBuilder
{
    private static DomainCapsFeatures BuildFeatures(QemuCapabilities caps, string arch, string? machine, Accelerator accel, DomainCapsOptions opts)
    {
        var simple = ImmutableArray.CreateBuilder<DomainCapsSimpleFeature>();
        foreach (var (name, flag, post90) in DomainCapsFlagTables.SimpleFeatures)
        {
            if (!post90 || opts.IncludePost90Sections)
            {
                simple.Add(new DomainCapsSimpleFeature(name, flag is null || caps.Has(flag)));
            }
        }

        // s390 protected virtualization: needs the machine property, the object and KVM support.
        if (Machine.IsS390(caps.Arch))
        {
            var secureGuest = opts.KvmSupportsSecureGuest ?? opts.Extras.KvmSupportsSecureGuest;
            simple.Add(new DomainCapsSimpleFeature(
                "s390-pv", caps.Has("confidential-guest-support") && caps.Has("s390-pv-guest") && secureGuest));
        }

        return new DomainCapsFeatures
        {
            Gic = Gic(caps, arch, machine, accel),
            Simple = simple.ToImmutable(),
            Sev = caps.Has("sev-guest") && opts.Extras.Sev is { } sev ? Sev(sev, opts.SevAsids) : null,
            Sgx = caps.Has("sgx-epc") ? opts.Extras.Sgx : null,
            Hyperv = opts.Extras.Hyperv is { } hv ? Hyperv(hv) : null,
        };
    }

    private static DomainCapsSection Gic(QemuCapabilities caps, string arch, string? machine, Accelerator accel)
    {
        if (!Machine.IsArmVirt(arch, machine))
        {
            return DomainCapsSection.Unsupported;
        }

        var versions = caps.Gic
            .Where(g => (accel == Accelerator.Kvm && g.Kernel) || (accel == Accelerator.Tcg && g.Emulated))
            .Select(g => g.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Where(v => LibvirtEnumOrder.GicVersion.Contains(v, StringComparer.Ordinal))
            .ToList();
        return versions.Count == 0
            ? DomainCapsSection.Unsupported
            : Section(LibvirtEnumOrder.Enum("version", versions, LibvirtEnumOrder.GicVersion));
    }

    /// <summary>
    /// Guest counts from the SEV ASID range (SEV API v0.24 §6.19.1): ASIDs from the lowest
    /// SEV-only ASID up to the highest are plain-SEV guests, the ones below it SEV-ES guests.
    /// </summary>
    private static SevDomainCapability Sev(SevCapability sev, (uint MaxAsid, uint MinAsid)? asids)
    {
        int maxGuests = 0, maxEsGuests = 0;
        if (asids is { MaxAsid: not 0, MinAsid: not 0 } a)
        {
            maxGuests = (int)(a.MaxAsid - a.MinAsid + 1);
            maxEsGuests = (int)(a.MinAsid - 1);
        }

        return new SevDomainCapability
        {
            CBitPos = sev.CBitPos,
            ReducedPhysBits = sev.ReducedPhysBits,
            MaxGuests = maxGuests,
            MaxEsGuests = maxEsGuests,
            Cpu0Id = sev.Cpu0Id,
        };
    }

    private static DomainCapsSection Hyperv(HypervCapability hv)
    {
        var known = hv.Features.Where(f => LibvirtEnumOrder.Hyperv.Contains(f, StringComparer.Ordinal)).ToList();
        return new DomainCapsSection
        {
            Supported = hv.Supported,
            Enums = known.Count > 0 ? [LibvirtEnumOrder.Enum("features", known, LibvirtEnumOrder.Hyperv)] : [],
        };
    }
}
