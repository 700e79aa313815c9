using Vireo.Domain;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Rules on &lt;features&gt; (GIC, pSeries and x86-only features, SMM TSEG) and clock timers.</summary>
internal static class FeatureRules
{
    private const ulong MiB = 1024UL * 1024;

    private static readonly string[] PSeriesFeatures = ["hpt", "htm", "nested-hv", "ccf-assist", "cfpc", "sbbc", "ibs"];

    /// <summary>Values the parser would reject.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        if (def.Feature("gic") is { } gic && Attr(gic, "version") is { } version && version is not ("2" or "3" or "host"))
        {
            throw Xml($"Invalid value for attribute 'version' in element 'gic': '{version}'.");
        }
    }

    /// <summary>Features the guest's arch or machine cannot have.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        foreach (var f in def.Features)
        {
            var name = f.Name.LocalName;
            var notForMachine = name switch
            {
                "gic" => !p.IsArmVirt,
                "ioapic" or "pvspinlock" => !p.IsX86,
                _ => Array.IndexOf(PSeriesFeatures, name) >= 0 && !p.IsPSeries,
            };
            if (notForMachine)
            {
                throw Unsupported($"The '{name}' feature is not supported for architecture '{p.Arch}' or machine type '{def.Os.Machine}'");
            }

            if (name == "hyperv" && !p.IsX86 && !p.IsArmVirt)
            {
                throw Unsupported($"Hyperv features are not supported for architecture '{p.Arch}' or machine type '{def.Os.Machine}'");
            }

            if (name == "pmu" && Attr(f, "state") == "off" && p.Arch.StartsWith("ppc64", StringComparison.Ordinal))
            {
                throw Unsupported($"PMU is always enabled for architecture '{p.Arch}'");
            }

            if (name == "vmcoreinfo" && Attr(f, "state") is null or "on" && KnowsCaps(p) && !p.Has("vmcoreinfo"))
            {
                throw Unsupported("vmcoreinfo is not available with this QEMU binary");
            }
        }

        if (p.IsPSeries && KnowsCaps(p))
        {
            CheckPSeriesCaps(def, p);
        }

        CheckTseg(def, p);
        CheckTimers(def, p);
    }

    private static void CheckPSeriesCaps(DomainDefinition def, PlatformContext p)
    {
        if (def.Feature("hpt")?.Element("maxpagesize") is not null && !p.Has("machine.pseries.cap-hpt-max-page-size"))
        {
            throw Unsupported("Configuring the page size for HPT guests is not supported by this QEMU binary");
        }

        (string Feature, string Flag, string Label)[] caps =
        [
            ("htm", "machine.pseries.cap-htm", "HTM"),
            ("nested-hv", "machine.pseries.cap-nested-hv", "Nested HV"),
            ("ccf-assist", "machine.pseries.cap-ccf-assist", "ccf-assist"),
            ("cfpc", "machine.pseries.cap-cfpc", "cfpc"),
            ("sbbc", "machine.pseries.cap-sbbc", "sbbc"),
            ("ibs", "machine.pseries.cap-ibs", "ibs"),
        ];
        foreach (var (feature, flag, label) in caps)
        {
            if (def.Feature(feature) is not null && !p.Has(flag))
            {
                throw Unsupported($"{label} configuration is not supported by this QEMU binary");
            }
        }
    }

    private static void CheckTseg(DomainDefinition def, PlatformContext p)
    {
        var smm = def.Feature("smm");
        if (smm is null || Attr(smm, "state") is not (null or "on") || smm.Element("tseg") is not { } tseg)
        {
            return;
        }

        if (!p.IsQ35)
        {
            throw Unsupported("SMM TSEG is only supported with q35 machine type");
        }

        if (KnowsCaps(p) && !p.Has("mch.extended-tseg-mbytes"))
        {
            throw Unsupported("Setting TSEG size is not supported with this QEMU binary");
        }

        var bytes = ScaledBytes(tseg.Value, Attr(tseg, "unit"), MiB);
        if (bytes is { } size && size % MiB != 0)
        {
            throw Unsupported("SMM TSEG size must be divisible by 1 MiB");
        }
    }

    private static void CheckTimers(DomainDefinition def, PlatformContext p)
    {
        foreach (var timer in def.Clock.Timers)
        {
            var name = Attr(timer, "name");
            var present = Attr(timer, "present");
            switch (name)
            {
                case "platform":
                    throw Unsupported("unsupported timer type (name) 'platform'");
                case "tsc" or "kvmclock" or "hypervclock":
                    if (!p.IsX86 && present == "yes")
                    {
                        throw Unsupported($"Configuring the '{name}' timer is not supported for virtType={def.VirtType} arch={p.Arch} machine={def.Os.Machine} guests");
                    }

                    break;
                case "rtc":
                    if (Attr(timer, "track") == "boot")
                    {
                        throw Unsupported("unsupported rtc timer track 'boot'");
                    }

                    if (Attr(timer, "tickpolicy") is "merge" or "discard")
                    {
                        throw Unsupported($"unsupported rtc timer tickpolicy '{Attr(timer, "tickpolicy")}'");
                    }

                    break;
                case "pit":
                    if (Attr(timer, "tickpolicy") == "merge")
                    {
                        throw Unsupported("unsupported pit tickpolicy 'merge'");
                    }

                    break;
                case "hpet":
                    if (present == "yes" && !p.IsX86)
                    {
                        throw Unsupported("hpet timer is not supported by this architecture");
                    }

                    break;
                default:
                    break;
            }
        }
    }
}
