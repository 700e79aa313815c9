using System.Collections.Immutable;
using System.Globalization;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Platform;
using Vireo.Qemu.Preparation;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Builds the QEMU command line for a prepared domain, section by section in the
/// order QEMU (and libvirt) expect. One instance per build; the result is immutable.
/// </summary>
internal sealed partial class CommandLineBuilder
{
    private readonly List<KeyValuePair<string, string>> env = [];
    private readonly List<string> args = [];
    private readonly DriverConfig cfg;
    private readonly LaunchContext ctx;
    private readonly PlatformContext p;
    private DomainDefinition def;

    public CommandLineBuilder(DomainDefinition def, PlatformContext platform, DriverConfig config, LaunchContext context)
    {
        this.def = def;
        p = platform;
        cfg = config;
        ctx = context;
    }

    private string LibDir => ctx.DomainLibDir(def.Name);

    private bool JsonDevices => p.Has("device.json+hotplug") || p.Has("device.json");

    private bool JsonObjects => p.Has("object.qapified");

    private bool JsonNetdev => p.Has("netdev.json");

    public QemuCommandLine Build()
    {
        Preparation.Validation.LaunchRules.Check(def, p, cfg, ctx);
        def = DeviceAliases.Assign(def, p);
        def = UsbAddresses.Assign(def);

        BuildEnvironment();
        Add("-name", "guest=" + QemuProps.EscapeValue(def.Name) + ",debug-threads=on");
        if (ctx.StartPaused)
        {
            Add("-S");
        }

        ObjectArg(new QemuProps().Str("qom-type", "secret").Str("id", "masterKey0").Str("format", "raw").Str("file", LibDir + "/master-key.aes"));
        BuildPflash();
        BuildMachine();
        Add("-accel", AccelName());
        BuildCpu();
        BuildMemory();
        BuildSmp();
        BuildNuma();
        Add("-uuid", def.Uuid ?? "00000000-0000-0000-0000-000000000000");
        if (!def.DevicesOf<GraphicsDevice>().Any())
        {
            Add("-display", "none");
        }

        Add("-no-user-config");
        Add("-nodefaults");
        BuildMonitor();
        BuildClock();
        Add("-no-shutdown");
        if (def.Feature("acpi") is null && p.Has("no-acpi"))
        {
            Add("-no-acpi");
        }

        BuildPowerManagement();

        BuildBoot();
        BuildControllers();
        BuildDisks();
        BuildNetworks();
        BuildSerials();
        BuildChannels();
        BuildConsoles();
        BuildInputs();
        BuildAudio();
        BuildGraphics();
        BuildVideos();
        BuildSounds();
        BuildRedirdevs();
        BuildHostdevs();
        if (ctx.IncomingUri is not null)
        {
            Add("-incoming", ctx.IncomingUri);
        }

        BuildMemballoon();
        BuildRngs();
        if (cfg.SeccompSandbox != 0 && p.Has("seccomp-sandbox"))
        {
            Add("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
        }

        if (cfg.LogTimestamp)
        {
            Add("-msg", "timestamp=on");
        }

        return new QemuCommandLine([.. env], def.Emulator ?? p.Emulator, [.. args]);
    }

    private void Add(params string[] values) => args.AddRange(values);

    private void SetEnv(string name, string value)
    {
        var i = env.FindIndex(kv => kv.Key == name);
        if (i >= 0)
        {
            env[i] = new(name, value);
        }
        else
        {
            env.Add(new(name, value));
        }
    }

    private void BuildEnvironment()
    {
        SetEnv("LC_ALL", "C");
        var inherited = ctx.InheritedEnvironment;
        if (inherited.IsDefaultOrEmpty && ctx.TestHarness)
        {
            inherited = [new("PATH", "/bin"), new("HOME", "/home/test"), new("USER", "test"), new("LOGNAME", "test")];
        }

        string[] passThrough = ["LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "DYLD_FORCE_FLAT_NAMESPACE", "PATH", "HOME", "USER", "LOGNAME", "TMPDIR"];
        foreach (var name in passThrough)
        {
            foreach (var kv in inherited)
            {
                if (kv.Key == name)
                {
                    SetEnv(name, kv.Value);
                }
            }
        }

        SetEnv("HOME", LibDir);
        SetEnv("XDG_DATA_HOME", LibDir + "/.local/share");
        SetEnv("XDG_CACHE_HOME", LibDir + "/.cache");
        SetEnv("XDG_CONFIG_HOME", LibDir + "/.config");
    }

    private void Device(QemuProps props) =>
        Add("-device", JsonDevices ? props.ToJson() : props.ToKeyValue("driver"));

    private void ObjectArg(QemuProps props) =>
        Add("-object", JsonObjects ? props.ToJson() : props.ToKeyValue("qom-type"));

    private string AccelName() => p.Accel switch
    {
        Accelerator.Kvm => "kvm",
        Accelerator.Hvf => "hvf",
        _ => "tcg",
    };

    private void BuildPflash()
    {
        var loader = def.Os.Loader;
        if (loader?.Path is null || loader.Type != "pflash")
        {
            return;
        }

        Blockdev(new QemuProps().Str("driver", "file").Str("filename", loader.Path).Str("node-name", "libvirt-pflash0-storage").Bool("auto-read-only", true).Str("discard", "unmap"));
        Blockdev(new QemuProps().Str("node-name", "libvirt-pflash0-format").Bool("read-only", loader.ReadOnly == "yes").Str("driver", loader.Format ?? "raw").Str("file", "libvirt-pflash0-storage"));
        if (NvramPath() is { } nvram)
        {
            Blockdev(new QemuProps().Str("driver", "file").Str("filename", nvram).Str("node-name", "libvirt-pflash1-storage").Bool("auto-read-only", true).Str("discard", "unmap"));
            Blockdev(new QemuProps().Str("node-name", "libvirt-pflash1-format").Bool("read-only", false).Str("driver", def.Os.Nvram?.Format ?? "raw").Str("file", "libvirt-pflash1-storage"));
        }
    }

    private string? NvramPath()
    {
        if (def.Os.Loader?.Stateless == "yes")
        {
            return null;
        }

        if (def.Os.Nvram?.Path is { } path)
        {
            return path;
        }

        return def.Os.Loader?.ReadOnly == "yes" ? cfg.NvramDir + "/" + def.Name + "_VARS.fd" : null;
    }

    private void Blockdev(QemuProps props) => Add("-blockdev", props.ToJson());

    private void BuildMachine()
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(QemuProps.EscapeValue(p.Machine));
        if (!p.IsS390Ccw || true)
        {
            sb.Append(",usb=off");
        }

        if (p.IsArmVirt && def.Feature("gic")?.Attribute("version")?.Value is { } gic)
        {
            sb.Append(",gic-version=").Append(gic);
        }

        sb.Append(",dump-guest-core=").Append(cfg.DumpGuestCore ? "on" : "off");

        if (MainRamId() is { } ramId)
        {
            sb.Append(",memory-backend=").Append(ramId);
        }

        if (def.Os.Loader is { Type: "pflash", Path: not null })
        {
            sb.Append(",pflash0=libvirt-pflash0-format");
            if (NvramPath() is not null)
            {
                sb.Append(",pflash1=libvirt-pflash1-format");
            }
        }

        foreach (var t in def.Clock.Timers)
        {
            if ((string?)t.Attribute("name") == "hpet" && (string?)t.Attribute("present") == "no" && p.Has("machine-hpet"))
            {
                sb.Append(",hpet=off");
            }
        }

        Add("-machine", sb.ToString());
    }

    /// <summary>The QEMU memory backend type for guest RAM, from &lt;memoryBacking&gt;.</summary>
    private string MemoryBackendType()
    {
        var source = (string?)def.MemoryBacking?.Element("source")?.Attribute("type");
        return source switch
        {
            "memfd" => "memory-backend-memfd",
            "file" => "memory-backend-file",
            _ => "memory-backend-ram",
        };
    }

    private bool SharedMemory => (string?)def.MemoryBacking?.Element("access")?.Attribute("mode") == "shared";

    private IEnumerable<System.Xml.Linq.XElement> NumaCells() => def.Cpu?.Numa?.Elements("cell") ?? [];

    /// <summary>The memory-backend id of main RAM, for QEMU ≥ 5.2 machines that name one.</summary>
    private string? MainRamId()
    {
        if (NumaCells().Any())
        {
            return null;
        }

        if (p.Caps.Version < 5_002_000)
        {
            return null;
        }

        return p.Caps.FindMachine(p.Machine, p.Accel)?.DefaultRamId;
    }

    private void BuildCpu()
    {
        var cpu = def.Cpu;
        if (cpu is null)
        {
            return;
        }

        if (cpu.Mode == "host-passthrough")
        {
            Add("-cpu", "host");
            return;
        }

        // s390 host-model: QEMU's own expansion of the host CPU, as recorded in the capabilities.
        if (cpu.Mode == "host-model" && Machine.IsS390(p.Arch) && p.Caps.HostCpus.TryGetValue(p.Accel, out var host))
        {
            var hs = new System.Text.StringBuilder(host.Model);
            foreach (var prop in host.Properties.Where(pr => pr.Type == "boolean"))
            {
                hs.Append(',').Append(prop.Name).Append('=').Append(prop.Value == "true" ? "on" : "off");
            }

            Add("-cpu", hs.ToString());
            return;
        }

        if (cpu.Model is null)
        {
            return;
        }

        var sb = new System.Text.StringBuilder(cpu.Model);
        foreach (var f in cpu.Features)
        {
            sb.Append(',').Append(f.Name).Append('=').Append(f.Policy is "disable" or "forbid" ? "off" : "on");
        }

        Add("-cpu", sb.ToString());
    }

    private void BuildMemory()
    {
        var memory = DomainPreparer.AlignMemory(def.MemoryKiB, p.Arch);
        Add("-m", (memory / 1024).ToString(CultureInfo.InvariantCulture));
        if (MainRamId() is { } ramId)
        {
            var backend = new QemuProps().Str("qom-type", MemoryBackendType()).Str("id", ramId);
            if (SharedMemory)
            {
                backend.Bool("share", true);
            }

            ObjectArg(backend.UNum("size", memory * 1024));
        }

        Add("-overcommit", "mem-lock=off");
    }

    private void BuildSmp()
    {
        var v = def.Vcpu;
        var sb = new System.Text.StringBuilder();
        sb.Append((v.Current ?? v.Count).ToString(CultureInfo.InvariantCulture));
        if (v.Current is not null && v.Current != v.Count)
        {
            sb.Append(",maxcpus=").Append(v.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (def.Cpu?.Topology is { } t)
        {
            sb.Append(",sockets=").Append(t.Sockets.ToString(CultureInfo.InvariantCulture));
            if (p.Has("smp-dies"))
            {
                sb.Append(",dies=").Append(t.Dies.ToString(CultureInfo.InvariantCulture));
            }

            sb.Append(",cores=").Append(t.Cores.ToString(CultureInfo.InvariantCulture));
            sb.Append(",threads=").Append(t.Threads.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append(",sockets=").Append(v.Count.ToString(CultureInfo.InvariantCulture)).Append(",cores=1,threads=1");
        }

        Add("-smp", sb.ToString());
    }

    /// <summary>Guest NUMA nodes, each with its own memory backend.</summary>
    private void BuildNuma()
    {
        foreach (var cell in NumaCells())
        {
            var id = (string?)cell.Attribute("id") ?? "0";
            var unit = (string?)cell.Attribute("unit") ?? "KiB";
            var kib = ulong.Parse((string?)cell.Attribute("memory") ?? "0", CultureInfo.InvariantCulture) * unit switch
            {
                "MiB" or "M" => 1024UL,
                "GiB" or "G" => 1024UL * 1024,
                _ => 1UL,
            };
            var backend = MemoryBackendType();
            var props = new QemuProps().Str("qom-type", backend).Str("id", "ram-node" + id);
            if (backend == "memory-backend-file")
            {
                props.Str("mem-path", cfg.MemoryBackingDir + "/" + ctx.ShortName(def.Name) + "/ram-node" + id);
            }

            if (SharedMemory)
            {
                props.Bool("share", true);
            }

            props.UNum("size", kib * 1024);
            ObjectArg(props);
            var numa = new System.Text.StringBuilder("node,nodeid=").Append(id);
            foreach (var range in ((string?)cell.Attribute("cpus") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                numa.Append(",cpus=").Append(range);
            }

            numa.Append(",memdev=ram-node").Append(id);
            Add("-numa", numa.ToString());
        }
    }

    private void BuildMonitor()
    {
        if (ctx.PassedListenFd is { } fd)
        {
            Add("-chardev", "socket,id=charmonitor,fd=" + fd.ToString(CultureInfo.InvariantCulture) + ",server=on,wait=off");
        }
        else
        {
            Add("-chardev", "socket,id=charmonitor,path=" + QemuProps.EscapeValue(ctx.MonitorSocketPath ?? LibDir + "/monitor.sock") + ",server=on,wait=off");
        }

        Add("-mon", "chardev=charmonitor,id=monitor,mode=control");
    }

    private void BuildClock()
    {
        var offset = def.Clock.Offset ?? "utc";
        var rtc = offset switch
        {
            "localtime" => "base=localtime",
            _ => "base=utc",
        };
        foreach (var t in def.Clock.Timers)
        {
            if ((string?)t.Attribute("name") == "rtc" && (string?)t.Attribute("tickpolicy") == "catchup")
            {
                rtc += ",driftfix=slew";
            }
        }

        Add("-rtc", rtc);
        foreach (var t in def.Clock.Timers)
        {
            var name = (string?)t.Attribute("name");
            var policy = (string?)t.Attribute("tickpolicy");
            if (name == "pit" && policy == "delay")
            {
                Add("-global", "kvm-pit.lost_tick_policy=delay");
            }
        }
    }

    /// <summary>Suspend-to-RAM/disk switches live on the chipset's PM device (PIIX4_PM or ICH9-LPC).</summary>
    private void BuildPowerManagement()
    {
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

    private void BuildBoot()
    {
        var opts = new List<string>();
        if (def.Os.BootMenuEnable is { } menu)
        {
            opts.Add("menu=" + (menu == "yes" ? "on" : "off"));
            if (def.Os.BootMenuTimeout is { } timeout)
            {
                opts.Add("splash-time=" + timeout);
            }
        }

        if (def.Os.BiosRebootTimeout is { } reboot)
        {
            opts.Add("reboot-timeout=" + reboot);
        }

        opts.Add("strict=on");
        Add("-boot", string.Join(',', opts));
    }

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}
