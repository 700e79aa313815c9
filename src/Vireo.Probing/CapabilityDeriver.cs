using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Vireo.Capabilities;

namespace Vireo.Probing;

/// <summary>
/// Turns the raw answers of a probe into a <see cref="QemuCapabilities"/> snapshot the way
/// libvirt 9.0 does: flags from the rule tables plus the arch-, version- and
/// interlock-based ones, machine types and CPU models per accelerator, the host-model CPU
/// expansion, GIC versions. A pure function of its inputs.
/// </summary>
internal static class CapabilityDeriver
{
    /// <summary>Flags set by code below rather than by a table row.</summary>
    public static readonly ImmutableArray<string> DerivedFlags =
    [
        "kvm", "enable-fips", "cpu-max", "canonical-cpu-features", "incremental-backup", "compat-deprecated",
        "virtio-blk-pci.scsi.default.disabled", "no-hpet", "no-acpi", "cpu-cache", "aarch64-off", "gic-version",
        "loadparm", "aes-key-wrap", "dea-key-wrap", "ncr53c90",
    ];

    /// <param name="primary">The main session (run with KVM when available).</param>
    /// <param name="tcg">The TCG-only session, when KVM was in use for the main one.</param>
    /// <param name="emulator">Path recorded as the snapshot's emulator.</param>
    public static QemuCapabilities Derive(ProbeData primary, ProbeData? tcg, string emulator)
    {
        var (version, package) = ReadVersion(primary);
        var arch = primary.Object("query-target") is { } target && Json.String(target, "arch") is { } a
            ? ArchRules.FromQemu(a)
            : "";
        var flags = new HashSet<string>(StringComparer.Ordinal);

        if (version < 5_002_000)
        {
            // -enable-fips went away in 5.2 (FIPS mode follows the crypto library).
            flags.Add("enable-fips");
        }

        var schema = primary.Array("query-qmp-schema") is { } s ? new QapiSchema(s) : null;
        if (schema is not null)
        {
            foreach (var (path, flag) in FlagRules.SchemaPaths)
            {
                if (schema.PathExists(path))
                {
                    flags.Add(flag);
                }
            }
        }

        var commands = primary.Names("query-commands");
        foreach (var (command, flag) in FlagRules.Commands)
        {
            if (commands.Contains(command))
            {
                flags.Add(flag);
            }
        }

        if (primary.Object("query-kvm") is { } kvm && Json.Bool(kvm, "present") == true && Json.Bool(kvm, "enabled") == true)
        {
            flags.Add("kvm");
        }

        var types = primary.Names("qom-list-types");
        foreach (var (type, flag) in FlagRules.Types)
        {
            if (types.Contains(type))
            {
                flags.Add(flag);
            }
        }

        foreach (var rule in FlagRules.DeviceProperties)
        {
            if (rule.Condition is { } condition && !flags.Contains(condition))
            {
                continue;
            }

            var props = PropertiesByName(primary, ProbeData.DeviceKey(rule.TypeName));
            foreach (var (property, flag) in rule.Properties)
            {
                if (!props.TryGetValue(property, out var prop))
                {
                    continue;
                }

                flags.Add(flag);
                if (flag == "virtio-blk-pci.scsi" && Json.Bool(prop, "default-value") == false)
                {
                    flags.Add("virtio-blk-pci.scsi.default.disabled");
                }
            }
        }

        foreach (var rule in FlagRules.ObjectProperties)
        {
            if (rule.Condition is { } condition && !flags.Contains(condition))
            {
                continue;
            }

            AddPropertyFlags(flags, primary.Names(ProbeData.QomKey(rule.TypeName)), rule);
        }

        var primaryAccel = flags.Contains("kvm") ? Accelerator.Kvm : Accelerator.Tcg;
        var machineReply = primary.Array("query-machines");
        foreach (var rule in FlagRules.MachineProperties)
        {
            if (ProbeSession.MachineQomType(rule.TypeName, machineReply) is { } qomType)
            {
                AddPropertyFlags(flags, primary.Names(ProbeData.QomKey(qomType)), rule);
            }
        }

        var cpuModels = ReadCpuModels(primary, arch, primaryAccel);
        if (cpuModels.Any(c => c.Name == "max"))
        {
            flags.Add("cpu-max");
        }

        AddListFlags(flags, primary.Strings("query-tpm-models"), FlagRules.TpmModels);
        AddListFlags(flags, primary.Strings("query-tpm-types"), FlagRules.TpmTypes);
        AddCommandLineFlags(flags, primary);
        AddListFlags(flags, MigrationCapabilities(primary), FlagRules.Migration);

        var gic = ArchRules.IsArm(arch) ? ReadGic(primary) : [];

        // SEV / SGX types exist in builds that cannot use them; the capability query decides.
        if (flags.Contains("sev-guest") && !primary.TryGet("query-sev-capabilities", out _))
        {
            flags.Remove("sev-guest");
        }

        if (flags.Contains("sgx-epc") && !primary.TryGet("query-sgx-capabilities", out _))
        {
            flags.Remove("sgx-epc");
        }

        AddArchFlags(flags, arch);
        AddInterlockedFlags(flags);

        var machines = ReadMachines(primary, arch, primaryAccel);
        var hostCpus = ImmutableDictionary.CreateBuilder<Accelerator, HostCpuModel>();
        if (ReadHostCpu(primary) is { } primaryHost)
        {
            hostCpus[primaryAccel] = primaryHost;
        }

        if (tcg is not null && primaryAccel != Accelerator.Tcg)
        {
            cpuModels = cpuModels.AddRange(ReadCpuModels(tcg, arch, Accelerator.Tcg));
            machines = machines.AddRange(ReadMachines(tcg, arch, Accelerator.Tcg));
            if (ReadHostCpu(tcg) is { } tcgHost)
            {
                hostCpus[Accelerator.Tcg] = tcgHost;
            }
        }

        return new QemuCapabilities
        {
            Emulator = emulator,
            Version = version,
            Package = package,
            Arch = arch,
            Flags = flags.ToImmutableHashSet(StringComparer.Ordinal),
            Machines = machines,
            CpuModels = cpuModels,
            HostCpus = hostCpus.ToImmutable(),
            Gic = gic,
            HasSev = flags.Contains("sev-guest"),
            HasSgx = flags.Contains("sgx-epc"),
        };
    }

    private static (int Version, string Package) ReadVersion(ProbeData data)
    {
        if (data.Object("query-version") is not { } reply)
        {
            return (0, "");
        }

        var qemu = Json.Member(reply, "qemu") ?? default;
        var major = (int)(Json.Long(qemu, "major") ?? 0);
        var minor = (int)(Json.Long(qemu, "minor") ?? 0);
        var micro = (int)(Json.Long(qemu, "micro") ?? 0);
        return ((major * 1_000_000) + (minor * 1_000) + micro, (Json.String(reply, "package") ?? "").Trim());
    }

    private static Dictionary<string, JsonElement> PropertiesByName(ProbeData data, string key)
    {
        var props = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (data.Array(key) is { } array)
        {
            foreach (var p in array.EnumerateArray())
            {
                if (Json.String(p, "name") is { } name)
                {
                    props.TryAdd(name, p);
                }
            }
        }

        return props;
    }

    private static void AddPropertyFlags(HashSet<string> flags, HashSet<string> present, PropertyRule rule)
    {
        foreach (var (property, flag) in rule.Properties)
        {
            if (present.Contains(property))
            {
                flags.Add(flag);
            }
        }
    }

    private static void AddListFlags(HashSet<string> flags, HashSet<string> present, ImmutableArray<(string Item, string Flag)> table)
    {
        foreach (var (item, flag) in table)
        {
            if (present.Contains(item))
            {
                flags.Add(flag);
            }
        }
    }

    private static HashSet<string> MigrationCapabilities(ProbeData data)
    {
        var caps = new HashSet<string>(StringComparer.Ordinal);
        if (data.Array("query-migrate-capabilities") is { } array)
        {
            foreach (var c in array.EnumerateArray())
            {
                if (Json.String(c, "capability") is { } name)
                {
                    caps.Add(name);
                }
            }
        }

        return caps;
    }

    private static void AddCommandLineFlags(HashSet<string> flags, ProbeData data)
    {
        if (data.Array("query-command-line-options") is not { } options)
        {
            return;
        }

        var byOption = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var o in options.EnumerateArray())
        {
            if (Json.String(o, "option") is not { } option)
            {
                continue;
            }

            if (!byOption.TryGetValue(option, out var parameters))
            {
                byOption[option] = parameters = new HashSet<string>(StringComparer.Ordinal);
            }

            if (Json.Member(o, "parameters") is { ValueKind: JsonValueKind.Array } ps)
            {
                foreach (var p in ps.EnumerateArray())
                {
                    if (Json.String(p, "name") is { } name)
                    {
                        parameters.Add(name);
                    }
                }
            }
        }

        foreach (var (option, parameter, flag) in FlagRules.CommandLine)
        {
            if (byOption.TryGetValue(option, out var parameters) && (parameter is null || parameters.Contains(parameter)))
            {
                flags.Add(flag);
            }
        }
    }

    /// <summary>Flags libvirt sets for every binary of an architecture.</summary>
    private static void AddArchFlags(HashSet<string> flags, string arch)
    {
        if (ArchRules.IsX86(arch))
        {
            flags.Add("no-acpi");
            flags.Add("cpu-cache");
            if (!flags.Contains("machine-hpet"))
            {
                // QEMU 8.0 replaced -no-hpet with -machine hpet=off.
                flags.Add("no-hpet");
            }
        }
        else if (arch == "aarch64")
        {
            flags.Add("no-acpi");
            flags.Add("aarch64-off");
            flags.Add("gic-version");
        }
        else if (ArchRules.IsS390(arch))
        {
            flags.Add("loadparm");
            flags.Add("aes-key-wrap");
            flags.Add("dea-key-wrap");
        }
        else if (arch is "sparc" or "m68k" or "mips")
        {
            // The built-in 'esp' SCSI controller cannot be probed as a type.
            flags.Add("ncr53c90");
        }
    }

    /// <summary>Flags that stand for a combination of others.</summary>
    private static void AddInterlockedFlags(HashSet<string> flags)
    {
        if (flags.Contains("cpu-unavailable-features"))
        {
            flags.Add("canonical-cpu-features");
        }

        if (flags.Contains("blockdev-reopen") && flags.Contains("migration-param.block-bitmap-mapping"))
        {
            flags.Add("incremental-backup");
        }

        if (flags.Contains("object.qapified"))
        {
            flags.Add("compat-deprecated");
        }
    }

    private static ImmutableArray<MachineType> ReadMachines(ProbeData data, string arch, Accelerator accel)
    {
        if (data.Array("query-machines") is not { } reply)
        {
            return [];
        }

        var list = new List<MachineType>();
        var preferred = ArchRules.PreferredMachine(arch);
        int preferredIndex = -1, defaultIndex = -1;
        foreach (var m in reply.EnumerateArray())
        {
            if (Json.String(m, "name") is not { } name || name == "none")
            {
                continue;
            }

            var alias = NonEmpty(Json.String(m, "alias"));
            var machine = new MachineType
            {
                Name = name,
                Accelerator = accel,
                Alias = alias,
                HotplugCpus = Json.Bool(m, "hotpluggable-cpus") ?? false,
                MaxCpus = (int)Math.Clamp(Json.Long(m, "cpu-max") ?? 0, 0, int.MaxValue),
                IsDefault = Json.Bool(m, "is-default") ?? false,
                NumaMemSupported = Json.Bool(m, "numa-mem-supported") ?? false,
                DefaultCpu = NonEmpty(Json.String(m, "default-cpu-type")),
                DefaultRamId = NonEmpty(Json.String(m, "default-ram-id")),
                Deprecated = Json.Bool(m, "deprecated") ?? false,
                Acpi = Json.Bool(m, "acpi"),
            };
            list.Add(machine);
            if (preferred is not null && (alias == preferred || name == preferred))
            {
                preferredIndex = list.Count - 1;
            }

            if (machine.IsDefault)
            {
                defaultIndex = list.Count - 1;
            }
        }

        // libvirt's own default goes first, else QEMU's, so defaults don't move when QEMU's do.
        var first = preferredIndex >= 0 ? preferredIndex : defaultIndex;
        if (first > 0)
        {
            var chosen = list[first];
            list.RemoveAt(first);
            list.Insert(0, chosen);
        }

        return [.. list];
    }

    private static ImmutableArray<CpuModel> ReadCpuModels(ProbeData data, string arch, Accelerator accel)
    {
        if (data.Array("query-cpu-definitions") is not { } reply)
        {
            return [];
        }

        var models = ImmutableArray.CreateBuilder<CpuModel>();
        foreach (var c in reply.EnumerateArray())
        {
            if (Json.String(c, "name") is not { } name)
            {
                continue;
            }

            if (ArchRules.IsPpc64(arch))
            {
                name = ArchRules.Ppc64ModelNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? name;
            }

            bool? usable = null;
            var blockers = ImmutableArray.CreateBuilder<string>();
            if (Json.Member(c, "unavailable-features") is { ValueKind: JsonValueKind.Array } unavailable)
            {
                foreach (var f in unavailable.EnumerateArray())
                {
                    if (f.ValueKind == JsonValueKind.String)
                    {
                        blockers.Add(f.GetString()!);
                    }
                }

                usable = blockers.Count == 0;
            }

            models.Add(new CpuModel
            {
                Name = name,
                Accelerator = accel,
                TypeName = NonEmpty(Json.String(c, "typename")),
                Usable = usable,
                Blockers = blockers.ToImmutable(),
                Deprecated = Json.Bool(c, "deprecated") ?? false,
            });
        }

        return models.ToImmutable();
    }

    /// <summary>
    /// The host-model expansion as libvirt caches it: the expanded model's name and
    /// properties; on x86 each enabled feature is marked migratable or not by comparing
    /// with the expansion that ignores migratability.
    /// </summary>
    private static HostCpuModel? ReadHostCpu(ProbeData data)
    {
        if (data.Object(ProbeData.HostCpuKey) is not { } reply
            || Json.Member(reply, "model") is not { ValueKind: JsonValueKind.Object } model
            || Json.String(model, "name") is not { } name)
        {
            return null;
        }

        Dictionary<string, bool>? nonMigratable = null;
        if (data.Object(ProbeData.HostCpuNonMigratableKey) is { } nm
            && Json.Member(nm, "model") is { ValueKind: JsonValueKind.Object } nmModel
            && Json.Member(nmModel, "props") is { ValueKind: JsonValueKind.Object } nmProps)
        {
            nonMigratable = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var p in nmProps.EnumerateObject())
            {
                if (p.Value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    nonMigratable[p.Name] = p.Value.ValueKind == JsonValueKind.True;
                }
            }
        }

        var properties = ImmutableArray.CreateBuilder<HostCpuProperty>();
        if (Json.Member(model, "props") is { ValueKind: JsonValueKind.Object } props)
        {
            foreach (var p in props.EnumerateObject())
            {
                switch (p.Value.ValueKind)
                {
                    case JsonValueKind.True or JsonValueKind.False:
                        var value = p.Value.ValueKind == JsonValueKind.True;
                        bool? migratable = null;
                        if (nonMigratable is not null && nonMigratable.TryGetValue(p.Name, out var nmValue))
                        {
                            if (value)
                            {
                                migratable = true;
                            }
                            else if (nmValue)
                            {
                                value = true;
                                migratable = false;
                            }
                        }

                        properties.Add(new HostCpuProperty(p.Name, "boolean", value ? "true" : "false", migratable));
                        break;
                    case JsonValueKind.String:
                        properties.Add(new HostCpuProperty(p.Name, "string", p.Value.GetString()!, null));
                        break;
                    case JsonValueKind.Number:
                        properties.Add(new HostCpuProperty(p.Name, "number", NumberText(p.Value), null));
                        break;
                    default:
                        break;
                }
            }
        }

        return new HostCpuModel
        {
            Model = name,
            Migratability = nonMigratable is not null,
            Properties = properties.ToImmutable(),
        };
    }

    /// <summary>libvirt writes no attribute for an empty string; neither does the snapshot.</summary>
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string NumberText(JsonElement number) =>
        number.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : number.GetRawText();

    private static ImmutableArray<GicCapability> ReadGic(ProbeData data)
    {
        if (data.Array("query-gic-capabilities") is not { } reply)
        {
            return [];
        }

        var gic = ImmutableArray.CreateBuilder<GicCapability>();
        foreach (var g in reply.EnumerateArray())
        {
            if (Json.Long(g, "version") is { } v)
            {
                gic.Add(new GicCapability((int)v, Json.Bool(g, "kernel") ?? false, Json.Bool(g, "emulated") ?? false));
            }
        }

        return gic.ToImmutable();
    }
}
