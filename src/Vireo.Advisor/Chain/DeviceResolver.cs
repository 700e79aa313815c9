using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Qemu;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Preparation;
using Vireo.Runtime.Hotplug;

namespace Vireo.Advisor.Chain;

/// <summary>
/// Which QEMU device each display becomes, taken from the command line the engine builds
/// for the domain (the code path of <c>xml2argv</c>: post-parse, then
/// <c>QemuEngine.BuildCommandLine</c>), read back with the runtime's <see cref="CommandLineDevices"/>.
/// Nothing about device naming is decided here.
/// </summary>
public static class DeviceResolver
{
    /// <summary>Builds the domain and reads its display devices back.</summary>
    public static ResolvedDisplays Resolve(DomainDefinition def, HostInfo host, QemuCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(caps);
        DomainDefinition post;
        ImmutableDictionary<string, DevicePlug> plugs;
        try
        {
            (post, plugs) = Build(def, host);
        }
        catch (VireoException ex)
        {
            // The display devices do not depend on the accelerator, the CPU or the firmware
            // file, which the binary's snapshot (no KVM for a foreign arch) or this host (no
            // firmware descriptors) may not satisfy: build once more under TCG without them.
            // A refusal that remains is about the devices themselves.
            try
            {
                (post, plugs) = Build(Relaxed(def), host);
            }
            catch (VireoException)
            {
                return new ResolvedDisplays(def, Raw(def), ex.Message, MissingFlag(def, caps));
            }
        }

        var devices = ImmutableArray.CreateBuilder<DisplayDevice>();
        var index = 0;
        foreach (var v in post.DevicesOf<VideoDevice>())
        {
            var alias = "video" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            index++;
            var model = v.ModelType ?? "none";
            if (model == "none")
            {
                continue;
            }

            var driver = plugs.TryGetValue(alias, out var plug) ? CommandLineDevices.Str(plug.Device, "driver") ?? "-" : "-";
            devices.Add(new DisplayDevice(alias, model, driver, v.Primary ? "primary" : "secondary"));
        }

        foreach (var h in post.DevicesOf<HostdevDevice>().Where(h => h.IsMdevDisplay))
        {
            var plug = plugs.Values.FirstOrDefault(p => CommandLineDevices.Str(p.Device, "sysfsdev") is { } dev
                && h.SourceMdevUuid is { } uuid && dev.EndsWith("/" + uuid, StringComparison.Ordinal));
            var driver = plug is null ? "-" : CommandLineDevices.Str(plug.Device, "driver") ?? "-";
            devices.Add(new DisplayDevice(plug?.Alias ?? h.Info.Alias ?? "hostdev", "mdev", driver, "vgpu", h.Ramfb == "on"));
        }

        return new ResolvedDisplays(post, devices.ToImmutable(), null, null);
    }

    // Post-parse and command line, exactly as xml2argv does them; the devices read back from it.
    private static (DomainDefinition Post, ImmutableDictionary<string, DevicePlug> Plugs) Build(DomainDefinition def, HostInfo host)
    {
        var config = new DriverConfig();
        var post = QemuEngine.PostParse(def, host, config, inactive: true);
        var context = LaunchContext.ForConversion(post.Name, host.Os);
        var cmd = QemuEngine.BuildCommandLine(post, host, config, context);
        return (post, CommandLineDevices.Plugs(cmd.Arguments));
    }

    private static DomainDefinition Relaxed(DomainDefinition def) =>
        def with { VirtType = "qemu", Cpu = null, Os = def.Os with { Firmware = null, FirmwareFeatures = null, Loader = null, Nvram = null } };

    // When the engine refused: the videos as written, without QEMU devices.
    private static ImmutableArray<DisplayDevice> Raw(DomainDefinition def) =>
        [.. def.DevicesOf<VideoDevice>().Select((v, i) => new DisplayDevice("video" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), v.ModelType ?? "none", "-", i == 0 || v.Primary ? "primary" : "secondary"))
            .Where(d => d.Model != "none")];

    // The capability flag of the first video whose device the binary lacks (the engine's own table).
    private static string? MissingFlag(DomainDefinition def, QemuCapabilities caps) =>
        def.DevicesOf<VideoDevice>()
            .Select(v => DeviceCapabilityTable.VideoFlag(v.ModelType ?? "none", ccw: false, vhostUser: v.DriverName == "vhostuser"))
            .FirstOrDefault(flag => flag is not null && !caps.Has(flag));
}
