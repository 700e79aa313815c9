using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Devices;

namespace Vireo.Qemu.CommandLine;

/// <summary>-machine, -accel and the machine-level -global switches (TSEG).</summary>
internal sealed partial class CommandLineBuilder
{
    /// <summary>
    /// The -machine argument. Property order follows libvirt 9.0 qemuBuildMachineCommandLine:
    /// usb=off, the machine-type features (vmport, smm, gic-version, iommu, key wrapping,
    /// kernel_irqchip, pSeries capabilities), then memory (dump-guest-core, mem-merge, nvdimm,
    /// memory-backend), CPU compatibility, s390 loadparm, launch security, HMAT, SGX EPC,
    /// firmware flash and finally the HPET switch.
    /// </summary>
    private void BuildMachine()
    {
        var sb = TextBuilderCache.Acquire();
        sb.Append(p.Machine);
        sb.Append(",usb=off");

        if (FeatureState("vmport") is { } vmport)
        {
            sb.Append(",vmport=").Append(QemuProps.EscapeValue(vmport));
        }

        if (FeatureState("smm") is { } smm)
        {
            sb.Append(",smm=").Append(QemuProps.EscapeValue(smm));
        }

        AppendGicVersion(sb);

        if (def.DevicesOf<GenericDevice>().FirstOrDefault(d => d.ElementName == "iommu") is { } iommu && iommu.Attr("model") == "smmuv3")
        {
            sb.Append(",iommu=smmuv3");
        }

        AppendKeyWrap(sb);

        if (def.Feature("ioapic")?.Attribute("driver")?.Value is { } ioapic)
        {
            sb.Append(",kernel_irqchip=").Append(ioapic == "qemu" ? "split" : "on");
        }

        AppendPSeriesCaps(sb);

        sb.Append(",dump-guest-core=").Append(QemuProps.EscapeValue(def.MemoryDumpCore ?? (cfg.DumpGuestCore ? "on" : "off")));

        if (Backing.NoSharePages)
        {
            sb.Append(",mem-merge=off");
        }

        if (MemoryDevices.Any(m => m.Model == "nvdimm"))
        {
            sb.Append(",nvdimm=on");
        }

        if (MainRamId() is { } ramId)
        {
            sb.Append(",memory-backend=").Append(ramId);
        }

        if (def.Cpu is { Mode: "host-model", Model: { } compat } && p.IsPSeries)
        {
            sb.Append(",max-cpu-compat=").Append(QemuProps.EscapeValue(compat));
        }

        if (LoadParm() is { } loadparm)
        {
            sb.Append(",loadparm=").Append(QemuProps.EscapeValue(loadparm));
        }

        if (LaunchSecurityType() is "sev" or "s390-pv" && p.Has("confidential-guest-support"))
        {
            sb.Append(",confidential-guest-support=lsec0");
        }

        if (Numa.HasHmat)
        {
            sb.Append(",hmat=on");
        }

        AppendSgxEpc(sb);

        if (def.Os.Loader is { Type: "pflash", Path: not null })
        {
            sb.Append(",pflash0=libvirt-pflash0-format");
            if (NvramPath() is not null)
            {
                sb.Append(",pflash1=libvirt-pflash1-format");
            }
        }

        if (Timer("hpet") is { } hpet && hpet.Attribute("present") is { } present && p.Has("machine-hpet"))
        {
            sb.Append(",hpet=").Append(present.Value == "yes" ? "on" : "off");
        }

        // On x86, graphics=off makes the firmware put its console on the serial port.
        if (def.Os.BiosUseSerial == "yes")
        {
            sb.Append(",graphics=off");
        }

        Add("-machine", TextBuilderCache.ToStringAndRelease(sb));
    }

    /// <summary>The on/off state of a feature that carries one, or null when the feature is absent.</summary>
    private string? FeatureState(string name) => def.Feature(name)?.Attribute("state")?.Value;

    /// <summary>A &lt;clock&gt; timer by name.</summary>
    private XElement? Timer(string name) => def.Clock.Timers.LastOrDefault(t => (string?)t.Attribute("name") == name);

    private void AppendGicVersion(StringBuilder sb)
    {
        if (def.Feature("gic") is not { } gic || gic.Attribute("version")?.Value is not { } version)
        {
            return;
        }

        // Before QEMU could choose, ARM guests always got a GICv2: without the option, v2 is implied.
        if (!p.Has("gic-version"))
        {
            return;
        }

        sb.Append(",gic-version=").Append(QemuProps.EscapeValue(version));
    }

    private void AppendKeyWrap(StringBuilder sb)
    {
        if (def.Extra("keywrap") is not { } keywrap)
        {
            return;
        }

        foreach (var cipher in new[] { "aes", "dea" })
        {
            var el = keywrap.Elements("cipher").LastOrDefault(c => (string?)c.Attribute("name") == cipher);
            if (el?.Attribute("state")?.Value is { } state)
            {
                sb.Append(',').Append(cipher).Append("-key-wrap=").Append(QemuProps.EscapeValue(state));
            }
        }
    }

    private void AppendPSeriesCaps(StringBuilder sb)
    {
        if (def.Feature("hpt") is { } hpt)
        {
            if (hpt.Attribute("resizing")?.Value is { } resizing)
            {
                sb.Append(",resize-hpt=").Append(QemuProps.EscapeValue(resizing));
            }

            if (hpt.Element("maxpagesize")?.Value is { } maxPage)
            {
                sb.Append(",cap-hpt-max-page-size=").Append(QemuProps.EscapeValue(maxPage)).Append('k');
            }
        }

        foreach (var (feature, prop) in new[] { ("htm", "cap-htm"), ("nested-hv", "cap-nested-hv"), ("ccf-assist", "cap-ccf-assist") })
        {
            if (FeatureState(feature) is { } state)
            {
                sb.Append(',').Append(prop).Append('=').Append(QemuProps.EscapeValue(state));
            }
        }

        foreach (var (feature, prop) in new[] { ("cfpc", "cap-cfpc"), ("sbbc", "cap-sbbc"), ("ibs", "cap-ibs") })
        {
            if (def.Feature(feature)?.Attribute("value")?.Value is { } value)
            {
                sb.Append(',').Append(prop).Append('=').Append(QemuProps.EscapeValue(value));
            }
        }
    }

    /// <summary>The s390 IPL load parameter: from the first disk or interface booting first.</summary>
    private string? LoadParm()
    {
        foreach (var dev in def.Devices.Where(d => d.ElementName == "disk").Concat(def.Devices.Where(d => d.ElementName == "interface")))
        {
            if (dev.Info.BootOrder == 1 && dev.Info.BootLoadParm is { } loadparm)
            {
                return loadparm;
            }
        }

        return null;
    }

    private string? LaunchSecurityType() => (string?)def.Extra("launchSecurity")?.Attribute("type");

    private void AppendSgxEpc(StringBuilder sb)
    {
        var i = 0;
        foreach (var epc in MemoryDevices.Where(m => m.Model == "sgx-epc"))
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            sb.Append(",sgx-epc.").Append(n).Append(".memdev=mem").Append(epc.Alias);
            sb.Append(",sgx-epc.").Append(n).Append(".node=").Append((epc.TargetNode ?? 0).ToString(CultureInfo.InvariantCulture));
            i++;
        }
    }

    /// <summary>-accel with the accelerator's tuning (KVM dirty ring, TCG translation cache).</summary>
    private void BuildAccel()
    {
        var sb = TextBuilderCache.Acquire();
        switch (p.Accel)
        {
            case Accelerator.Kvm:
                sb.Append("kvm");
                if (def.Feature("kvm")?.Element("dirty-ring") is { } ring && (string?)ring.Attribute("state") == "on" && (string?)ring.Attribute("size") is { } size)
                {
                    sb.Append(",dirty-ring-size=").Append(QemuProps.EscapeValue(size));
                }

                break;
            case Accelerator.Hvf:
                sb.Append("hvf");
                break;
            default:
                sb.Append("tcg");
                if (def.Feature("tcg")?.Element("tb-cache")?.Value is { } tb && ulong.TryParse(tb, NumberStyles.None, CultureInfo.InvariantCulture, out var kib) && kib > 0)
                {
                    sb.Append(",tb-size=").Append((kib >> 10).ToString(CultureInfo.InvariantCulture));
                }

                break;
        }

        Add("-accel", TextBuilderCache.ToStringAndRelease(sb));
    }

    /// <summary>Q35's SMM TSEG size, when the user chose one.</summary>
    private void BuildTseg()
    {
        if (def.Feature("smm") is { } smm && smm.Element("tseg") is { } tseg)
        {
            var kib = TsegKiB(tseg);
            Add("-global", "mch.extended-tseg-mbytes=" + (kib / 1024).ToString(CultureInfo.InvariantCulture));
        }
    }

    private static ulong TsegKiB(XElement tseg)
    {
        var value = ulong.TryParse(tseg.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;
        return (string?)tseg.Attribute("unit") switch
        {
            "GiB" => value * 1024 * 1024,
            "MiB" => value * 1024,
            "B" or "bytes" => value / 1024,
            _ => value,
        };
    }
}
