using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Qemu.Addressing;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Preparation;

/// <summary>
/// Post-parse: resolves arch, emulator and machine, fills defaults for the guest's
/// platform and the binary's capabilities, adds the devices libvirt adds implicitly,
/// validates, and assigns addresses. Pure: returns a new definition.
/// </summary>
public static partial class DomainPreparer
{
    /// <summary>Runs the whole post-parse pipeline.</summary>
    public static DomainDefinition Prepare(DomainDefinition def, HostInfo host, DriverConfig config, bool inactive)
    {
        var platform = ResolvePlatform(ref def, host);
        Validation.DomainRules.BeforeDefaults(def, platform, config);
        def = ApplyMachineDefaults(def, platform);
        def = ApplyCpuDefaults(def, platform);
        def = ApplyDeviceDefaults(def, platform, config, inactive);
        def = AddImplicitDevices(def, platform, config);
        def = SelectPrimaryVideo(def);
        DomainValidator.Validate(def, platform, config);
        Validation.DomainRules.AfterDefaults(def, platform, config);
        def = AssignMemorySlots(def);
        def = AddressAssigner.Assign(def, platform);
        return def;
    }

    /// <summary>Resolves the platform of an already prepared definition (no changes).</summary>
    public static PlatformContext PlatformOf(DomainDefinition def, HostInfo host)
    {
        var arch = def.Os.Arch ?? host.Arch;
        var emulator = def.Emulator ?? host.FindGuest(arch)?.Emulator ?? "";
        return new PlatformContext(arch, def.Os.Machine ?? "", emulator, DomainCapabilityOverrides(def, host.CapabilitiesFor(emulator)), PlatformContext.AccelFor(def.VirtType), host);
    }

    /// <summary>
    /// &lt;qemu:capabilities&gt;: the domain adds or removes capability flags of its binary
    /// (libvirt's per-domain capability overrides, for testing and working around QEMU bugs).
    /// </summary>
    private static QemuCapabilities DomainCapabilityOverrides(DomainDefinition def, QemuCapabilities caps)
    {
        if (def.Extras.IsDefaultOrEmpty)
        {
            return caps;
        }

        var ns = Domain.Xml.DomainXmlParser.QemuNamespace;
        var overrides = def.Extras.Where(e => e.Name == ns + "capabilities").ToList();
        if (overrides.Count == 0)
        {
            return caps;
        }

        var flags = caps.Flags;
        foreach (var o in overrides)
        {
            flags = flags.Union(o.Elements(ns + "add").Select(a => (string?)a.Attribute("capability")).OfType<string>());
            flags = flags.Except(o.Elements(ns + "del").Select(d => (string?)d.Attribute("capability")).OfType<string>());
        }

        return caps with { Flags = flags };
    }

    private static PlatformContext ResolvePlatform(ref DomainDefinition def, HostInfo host)
    {
        var arch = def.Os.Arch ?? host.Arch;
        var guest = host.FindGuest(arch);
        if (def.Os.Type != "hvm")
        {
            throw DomainConfigException.Unsupported($"no guest options available for OS type '{def.Os.Type}': only 'hvm' guests are supported");
        }

        if (guest is null)
        {
            throw new DomainConfigException(ErrorKind.ConfigUnsupported, $"No guest options available for arch '{arch}'");
        }

        if (!guest.DomainTypes.Contains(def.VirtType))
        {
            throw new DomainConfigException(ErrorKind.ConfigUnsupported, $"No guest options available for arch '{arch}' and virt type '{def.VirtType}'");
        }

        var emulator = def.Emulator ?? guest.Emulator;
        var caps = DomainCapabilityOverrides(def, host.CapabilitiesFor(emulator));
        var accel = PlatformContext.AccelFor(def.VirtType);
        var machine = def.Os.Machine;
        if (machine is null)
        {
            machine = caps.DefaultMachine(accel)?.Name
                ?? throw DomainConfigException.Internal($"could not find default machine type for '{emulator}'");
        }
        else if (caps.FindMachine(machine, accel) is { } m && m.Alias == machine)
        {
            // Canonicalise an alias (pc → pc-i440fx-X.Y) as libvirt does.
            machine = m.Name;
        }

        def = def with { Os = def.Os with { Arch = arch, Machine = machine }, Emulator = emulator };
        return new PlatformContext(arch, machine, emulator, caps, accel, host);
    }
}
