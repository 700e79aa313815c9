using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Firmware tables and identity (-smbios, -fw_cfg, vmgenid), -compat, -bios, IOThreads,
/// clock (-rtc, timer globals), power management, boot (-boot, kernel, initrd, DTB, ACPI
/// tables), launch security, the pSeries NVRAM, and &lt;qemu:commandline&gt; passthrough.
/// </summary>
internal sealed partial class CommandLineBuilder
{
    /// <summary>libvirt's QEMU XML namespace.</summary>
    private static readonly XNamespace QemuNs = "http://libvirt.org/schemas/domain/qemu/1.0";

    // Source: libvirt 9.0 qemu_command.c qemuBuildSmbios*Str — SMBIOS entry names per table, in order.
    private static readonly (string Element, int Type, string[] Fields)[] SmbiosTables =
    [
        ("bios", 0, ["vendor", "version", "date", "release"]),
        ("system", 1, ["manufacturer", "product", "version", "serial", "uuid", "sku", "family"]),
        ("baseBoard", 2, ["manufacturer", "product", "version", "serial", "asset", "location"]),
        ("chassis", 3, ["manufacturer", "version", "serial", "asset", "sku"]),
    ];

    /// <summary>-compat from the deprecation behaviour (driver default or &lt;qemu:deprecation&gt;).</summary>
    private void BuildCompat()
    {
        var behavior = (string?)def.Extras.FirstOrDefault(e => e.Name == QemuNs + "deprecation")?.Attribute("behavior") ?? "none";
        if (behavior is not ("omit" or "reject" or "crash") || !p.Has("compat-deprecated"))
        {
            return;
        }

        var props = new QemuProps().Str("deprecated-output", "hide");
        if (behavior != "omit")
        {
            props.Str("deprecated-input", behavior);
        }

        Add("-compat", props.ToJson());
    }

    /// <summary>A ROM loader is passed with -bios; a secure pflash loader needs the secure flash switch.</summary>
    private void BuildLoader()
    {
        if (def.Os.Loader is not { } loader)
        {
            return;
        }

        if (loader.Type == "pflash")
        {
            if (loader.Secure == "yes")
            {
                Add("-global", "driver=cfi.pflash01,property=secure,value=on");
            }
        }
        else if (loader.Path is not null)
        {
            Add("-bios", loader.Path);
        }
    }

    /// <summary>-object iothread per &lt;iothreadids&gt; entry (or numbered 1..n), plus the main loop's pool.</summary>
    private void BuildIoThreads()
    {
        var ids = new List<XElement>();
        if (def.Extra("iothreadids") is { } idsEl)
        {
            ids.AddRange(idsEl.Elements("iothread"));
        }

        var count = int.TryParse(def.Extra("iothreads")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var defaultLoop = def.Extra("defaultiothread");
        if (count == 0 && ids.Count == 0 && defaultLoop is null)
        {
            return;
        }

        if (!p.Has("iothread"))
        {
            throw DomainConfigException.Unsupported("IOThreads not supported for this QEMU");
        }

        // The first <iothread> element of each id (one pass: a long list stays linear).
        var byId = new Dictionary<string, XElement>(StringComparer.Ordinal);
        foreach (var e in ids)
        {
            if ((string?)e.Attribute("id") is { } key)
            {
                byId.TryAdd(key, e);
            }
        }

        foreach (var id in IoThreadIds(ids, count))
        {
            var el = byId.GetValueOrDefault(id.ToString(CultureInfo.InvariantCulture));
            var props = new QemuProps().Str("qom-type", "iothread").Str("id", "iothread" + id.ToString(CultureInfo.InvariantCulture));
            AddThreadPool(props, el);
            ObjectArg(props);
        }

        if (defaultLoop is not null && (defaultLoop.Attribute("thread_pool_min") is not null || defaultLoop.Attribute("thread_pool_max") is not null))
        {
            var props = new QemuProps().Str("qom-type", "main-loop").Str("id", "main-loop");
            AddThreadPool(props, defaultLoop);
            ObjectArg(props);
        }
    }

    /// <summary>IOThread ids: the listed ones in order, then numbers 1.. not taken, up to the count.</summary>
    private static List<int> IoThreadIds(List<XElement> listed, int count)
    {
        var ids = new List<int>();
        var seen = new HashSet<int>();
        foreach (var e in listed)
        {
            if (int.TryParse((string?)e.Attribute("id"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && seen.Add(id))
            {
                ids.Add(id);
            }
        }

        for (var next = 1; ids.Count < count; next++)
        {
            if (seen.Add(next))
            {
                ids.Add(next);
            }
        }

        return ids;
    }

    private static void AddThreadPool(QemuProps props, XElement? el)
    {
        if (el is null)
        {
            return;
        }

        if ((string?)el.Attribute("thread_pool_min") is { } min)
        {
            props.Num("thread-pool-min", OptionText.ParseLong(min, "thread pool min"));
        }

        if ((string?)el.Attribute("thread_pool_max") is { } max)
        {
            props.Num("thread-pool-max", OptionText.ParseLong(max, "thread pool max"));
        }
    }

    /// <summary>-smbios tables from &lt;sysinfo type='smbios'&gt; when &lt;smbios mode='sysinfo'/&gt;.</summary>
    private void BuildSmbios()
    {
        if (def.Os.SmbiosMode != "sysinfo")
        {
            return;
        }

        var source = def.Extras.FirstOrDefault(e => e.Name.LocalName == "sysinfo" && (string?)e.Attribute("type") == "smbios")
            ?? throw DomainConfigException.Unsupported($"Domain '{def.Name}' sysinfo are not available");

        if (source.Elements("baseBoard").Count() > 1)
        {
            throw DomainConfigException.Unsupported("qemu does not support more than one entry to Type 2 in SMBIOS table");
        }

        foreach (var (element, type, fields) in SmbiosTables)
        {
            foreach (var table in source.Elements(element))
            {
                var sb = new StringBuilder("type=").Append(type.ToString(CultureInfo.InvariantCulture));
                var any = false;
                foreach (var field in fields)
                {
                    if (SysinfoEntry(table, field) is { } value)
                    {
                        sb.Append(',').Append(field).Append('=');
                        QemuProps.AppendEscapedValue(sb, value);
                        any = true;
                    }
                }

                if (any || type == 2)
                {
                    Add("-smbios", sb.ToString());
                }

                if (type is 0 or 1 or 3)
                {
                    break;
                }
            }
        }

        if (source.Element("oemStrings") is { } oem)
        {
            var sb = new StringBuilder("type=11");
            foreach (var e in oem.Elements("entry"))
            {
                sb.Append(",value=");
                QemuProps.AppendEscapedValue(sb, e.Value);
            }

            Add("-smbios", sb.ToString());
        }
    }

    private static string? SysinfoEntry(XElement table, string name) =>
        table.Elements("entry").LastOrDefault(e => (string?)e.Attribute("name") == name)?.Value;

    /// <summary>-fw_cfg entries from &lt;sysinfo type='fwcfg'&gt;.</summary>
    private void BuildFwCfg()
    {
        if (def.Extras.IsEmpty)
        {
            return;
        }

        foreach (var sys in def.Extras.Where(e => e.Name.LocalName == "sysinfo" && (string?)e.Attribute("type") == "fwcfg"))
        {
            foreach (var entry in sys.Elements("entry"))
            {
                var sb = new StringBuilder("name=");
                QemuProps.AppendEscapedValue(sb, (string?)entry.Attribute("name") ?? "");
                if ((string?)entry.Attribute("file") is { } file)
                {
                    sb.Append(",file=");
                    QemuProps.AppendEscapedValue(sb, file);
                }
                else
                {
                    sb.Append(",string=");
                    QemuProps.AppendEscapedValue(sb, entry.Value);
                }

                Add("-fw_cfg", sb.ToString());
            }
        }
    }

    private void BuildVmGenId()
    {
        if (def.GenId is not { } genid)
        {
            return;
        }

        if (!p.Has("vmgenid"))
        {
            throw DomainConfigException.Unsupported("this QEMU does not support the 'genid' capability");
        }

        Device(new QemuProps().Str("driver", "vmgenid").Str("guid", genid).Str("id", "vmgenid0"));
    }

    /// <summary>The RTC's start time; a start or adjustment beyond the years 1 to 9999 is refused.</summary>
    private static DateTimeOffset RtcBase(Func<DateTimeOffset> compute)
    {
        try
        {
            return compute();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw DomainConfigException.Unsupported("the clock's start or adjustment puts the guest's clock outside the years 1 to 9999");
        }
    }

    /// <summary>-rtc and the timer -global switches (libvirt qemuBuildClockCommandLine).</summary>
    private void BuildClock()
    {
        var sb = new StringBuilder();
        var clock = def.Clock;
        switch (clock.Offset ?? "utc")
        {
            case "localtime" or "timezone":
                sb.Append("base=localtime");
                break;
            case "variable":
                var adjustment = long.TryParse(clock.Adjustment, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var adj) ? adj : 0;
                if (clock.Basis == "localtime")
                {
                    // The local offset is folded into the adjustment at start (basis becomes UTC).
                    adjustment += (long)LocalUtcOffset().TotalSeconds;
                }

                sb.Append("base=").Append(FormatRtc(RtcBase(() => Now().AddSeconds(adjustment))));
                break;
            case "absolute":
                var start = long.TryParse(clock.Start, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
                sb.Append("base=").Append(FormatRtc(RtcBase(() => DateTimeOffset.FromUnixTimeSeconds(start))));
                break;
            default:
                sb.Append("base=utc");
                break;
        }

        if (Timer("rtc") is { } rtc)
        {
            switch ((string?)rtc.Attribute("track"))
            {
                case "guest":
                    sb.Append(",clock=vm");
                    break;
                case "wall":
                    sb.Append(",clock=host");
                    break;
                case "realtime":
                    sb.Append(",clock=rt");
                    break;
                case "boot":
                    throw DomainConfigException.Unsupported("unsupported rtc timer track 'boot'");
                default:
                    break;
            }

            switch ((string?)rtc.Attribute("tickpolicy"))
            {
                case "catchup":
                    sb.Append(",driftfix=slew");
                    break;
                case "merge" or "discard":
                    throw DomainConfigException.Unsupported($"unsupported rtc timer tickpolicy '{(string?)rtc.Attribute("tickpolicy")}'");
                default:
                    break;
            }
        }

        Add("-rtc", sb.ToString());

        // A guest clock in a named time zone runs QEMU in that zone.
        if (clock.Offset == "timezone" && clock.Timezone is { } tz)
        {
            SetEnv("TZ", tz);
        }

        foreach (var t in clock.Timers)
        {
            switch ((string?)t.Attribute("name"))
            {
                case "pit":
                    switch ((string?)t.Attribute("tickpolicy"))
                    {
                        case null or "delay":
                            if (p.Has("kvm-pit-lost-tick-policy"))
                            {
                                Add("-global", "kvm-pit.lost_tick_policy=delay");
                            }

                            break;
                        case "discard":
                            if (p.Has("kvm-pit-lost-tick-policy"))
                            {
                                Add("-global", "kvm-pit.lost_tick_policy=discard");
                            }

                            break;
                        case "merge":
                            throw DomainConfigException.Unsupported("unsupported pit tickpolicy 'merge'");
                        default:
                            break;
                    }

                    break;
                case "hpet" when (string?)t.Attribute("present") == "no" && !p.Has("machine-hpet") && p.Has("no-hpet"):
                    Add("-no-hpet");
                    break;
                default:
                    break;
            }
        }
    }

    private static string FormatRtc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private DateTimeOffset Now() => ctx.Now ?? DateTimeOffset.UtcNow;

    private TimeSpan LocalUtcOffset() => ctx.LocalUtcOffset ?? TimeZoneInfo.Local.GetUtcOffset(Now());

    /// <summary>-no-reboot/-no-shutdown, -no-acpi and the chipset's S3/S4 switches.</summary>
    private void BuildPowerManagement()
    {
        // Only when every guest-initiated event destroys the domain may QEMU exit on reboot.
        var allowReboot = !(def.OnReboot == "destroy" && (def.OnPoweroff ?? "destroy") == "destroy"
            && (def.OnCrash ?? "destroy") is "destroy" or "coredump-destroy");
        // QEMU with set-action is told at run time instead (reboot=shutdown), keeping -no-shutdown.
        Add(allowReboot || p.Has("set-action") ? "-no-shutdown" : "-no-reboot");

        if (def.Feature("acpi") is null && p.Has("no-acpi"))
        {
            Add("-no-acpi");
        }

        if (def.Pm is null)
        {
            return;
        }

        var pmDevice = p.IsQ35 ? "ICH9-LPC" : "PIIX4_PM";
        foreach (var (element, prop) in new[] { ("suspend-to-mem", "disable_s3"), ("suspend-to-disk", "disable_s4") })
        {
            var enabled = (string?)def.Pm.Element(element)?.Attribute("enabled");
            if (enabled is not null && p.IsX86)
            {
                Add("-global", pmDevice + "." + prop + "=" + (enabled == "no" ? "1" : "0"));
            }
        }
    }

    /// <summary>-boot, then direct kernel boot and ACPI tables (libvirt qemuBuildBootCommandLine).</summary>
    private void BuildBoot()
    {
        var sb = new StringBuilder();
        if (def.Os.BootMenuEnable is { } menu)
        {
            sb.Append(menu == "yes" ? "menu=on," : "menu=off,");
        }

        if (def.Os.BiosRebootTimeout is { } reboot)
        {
            sb.Append("reboot-timeout=").Append(QemuProps.EscapeValue(reboot)).Append(',');
        }

        if (def.Os.BootMenuEnable == "yes" && def.Os.BootMenuTimeout is { } timeout)
        {
            sb.Append("splash-time=").Append(QemuProps.EscapeValue(timeout)).Append(',');
        }

        sb.Append("strict=on");
        Add("-boot", sb.ToString());

        if (def.Os.Kernel is { } kernel)
        {
            Add("-kernel", kernel);
        }

        if (def.Os.Initrd is { } initrd)
        {
            Add("-initrd", initrd);
        }

        if (def.Os.Cmdline is { } cmdline)
        {
            Add("-append", cmdline);
        }

        if (def.Os.Dtb is { } dtb)
        {
            Add("-dtb", dtb);
        }

        foreach (var acpi in def.Os.Extras.Where(e => e.Name.LocalName == "acpi"))
        {
            foreach (var table in acpi.Elements("table"))
            {
                var type = ((string?)table.Attribute("type") ?? "").ToUpperInvariant();
                Add("-acpitable", "sig=" + type + ",file=" + QemuProps.EscapeValue(table.Value.Trim()));
            }
        }
    }

    /// <summary>The vmcoreinfo device, when the feature is on.</summary>
    private void BuildVmCoreInfo()
    {
        if (FeatureState("vmcoreinfo") == "on")
        {
            Device(new QemuProps().Str("driver", "vmcoreinfo"));
        }
    }

    /// <summary>The launch-security object (SEV or s390 protected virtualization).</summary>
    private void BuildLaunchSecurity()
    {
        if (def.Extra("launchSecurity") is not { } sec)
        {
            return;
        }

        switch ((string?)sec.Attribute("type"))
        {
            case "sev":
                var props = new QemuProps().Str("qom-type", "sev-guest").Str("id", "lsec0");
                // Without them in the XML, the C-bit position and reduced physical bits come from the platform.
                if (sec.Element("cbitpos")?.Value is { } cbit)
                {
                    props.Num("cbitpos", OptionText.ParseLong(cbit, "SEV cbitpos"));
                }
                else if (p.Caps.SevCbitPos is { } platformCbit)
                {
                    props.Num("cbitpos", platformCbit);
                }

                if (sec.Element("reducedPhysBits")?.Value is { } rpb)
                {
                    props.Num("reduced-phys-bits", OptionText.ParseLong(rpb, "SEV reducedPhysBits"));
                }
                else if (p.Caps.SevReducedPhysBits is { } platformRpb)
                {
                    props.Num("reduced-phys-bits", platformRpb);
                }

                if (sec.Element("policy")?.Value is { } policy)
                {
                    props.Num("policy", ParseLongText(policy.Trim()));
                }

                if (sec.Element("dhCert") is not null)
                {
                    props.Str("dh-cert-file", LibDir + "/dh_cert.base64");
                }

                if (sec.Element("session") is not null)
                {
                    props.Str("session-file", LibDir + "/session.base64");
                }

                if ((string?)sec.Attribute("kernelHashes") is { } hashes)
                {
                    props.Bool("kernel-hashes", hashes == "yes");
                }

                ObjectArg(props);
                break;
            case "s390-pv":
                ObjectArg(new QemuProps().Str("qom-type", "s390-pv-guest").Str("id", "lsec0"));
                break;
            default:
                break;
        }
    }

    private static long ParseLongText(string text) =>
        (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v))
            ? v
            : throw DomainConfigException.Xml($"'{OptionText.Printable(text)}' is not a valid number");

    /// <summary>The pSeries NVRAM device's address.</summary>
    private void BuildSpaprNvram()
    {
        if (!p.IsPSeries)
        {
            return;
        }

        foreach (var nvram in def.DevicesOf<GenericDevice>().Where(d => d.ElementName == "nvram"))
        {
            if (nvram.Info.Address is SpaprVioAddress vio && vio.Reg is { } reg)
            {
                Add("-global", "spapr-nvram.reg=0x" + reg.ToString("x", CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>
    /// &lt;qemu:override&gt; frontend properties of the device with this id: each named property is
    /// dropped and (unless its type is 'remove') appended with the given typed value.
    /// </summary>
    private void ApplyDeviceOverrides(QemuProps props)
    {
        // Runs for every device: without top-level extras there is no <qemu:override>.
        if (def.Extras.IsEmpty)
        {
            return;
        }

        if (props.Items.FirstOrDefault(kv => kv.Key == "id").Value is not string id)
        {
            return;
        }

        foreach (var device in def.Extras.Where(e => e.Name == QemuNs + "override").Elements(QemuNs + "device"))
        {
            if ((string?)device.Attribute("alias") != id)
            {
                continue;
            }

            foreach (var prop in device.Elements(QemuNs + "frontend").Elements(QemuNs + "property"))
            {
                var name = (string?)prop.Attribute("name") ?? "";
                var value = (string?)prop.Attribute("value") ?? "";
                props.Remove(name);
                switch ((string?)prop.Attribute("type"))
                {
                    case "string":
                        props.Str(name, value);
                        break;
                    case "signed":
                        props.Num(name, long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var signedValue)
                            ? signedValue
                            : throw DomainConfigException.Xml($"invalid value '{value}' of 'value' attribute of 'qemu:property'"));
                        break;
                    case "unsigned":
                        props.UNum(name, ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unsignedValue)
                            ? unsignedValue
                            : throw DomainConfigException.Xml($"invalid value '{value}' of 'value' attribute of 'qemu:property'"));
                        break;
                    case "bool":
                        props.Bool(name, value == "true");
                        break;
                    default:
                        break;
                }
            }
        }
    }

    /// <summary>The raw arguments of &lt;qemu:commandline&gt;.</summary>
    private void BuildQemuNamespaceArgs()
    {
        if (def.Extras.IsEmpty)
        {
            return;
        }

        foreach (var cl in def.Extras.Where(e => e.Name == QemuNs + "commandline"))
        {
            foreach (var arg in cl.Elements(QemuNs + "arg"))
            {
                Add((string?)arg.Attribute("value") ?? "");
            }
        }
    }

    /// <summary>The environment of &lt;qemu:commandline&gt;.</summary>
    private void BuildQemuNamespaceEnv()
    {
        if (def.Extras.IsEmpty)
        {
            return;
        }

        foreach (var cl in def.Extras.Where(e => e.Name == QemuNs + "commandline"))
        {
            foreach (var env in cl.Elements(QemuNs + "env"))
            {
                SetEnv((string?)env.Attribute("name") ?? "", (string?)env.Attribute("value") ?? "");
            }
        }
    }
}
