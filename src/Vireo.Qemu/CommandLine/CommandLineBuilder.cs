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
    private readonly List<string> args = new(64);
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

    private string? libDir;
    private string? libDirName;

    // The domain's directory, computed once per name (it is used for many paths).
    private string LibDir
    {
        get
        {
            if (libDir is null || !ReferenceEquals(libDirName, def.Name))
            {
                libDirName = def.Name;
                libDir = ctx.DomainLibDir(def.Name);
            }

            return libDir;
        }
    }

    private bool JsonDevices => p.Has("device.json+hotplug") || p.Has("device.json");

    private bool JsonObjects => p.Has("object.qapified");

    private bool JsonNetdev => p.Has("netdev.json");

    public QemuCommandLine Build()
    {
        Preparation.Validation.LaunchRules.Check(def, p, cfg, ctx);
        def = Firmware.FirmwareAutoSelection.Apply(def, p, cfg);
        def = DeviceAliases.Assign(def, p);
        def = UsbAddresses.Assign(def);

        BuildEnvironment();
        Add("-name", "guest=" + QemuProps.EscapeValue(def.Name) + ",debug-threads=on");
        BuildCompat();
        if (ctx.StartPaused)
        {
            Add("-S");
        }

        ObjectArg(new QemuProps().Str("qom-type", "secret").Str("id", "masterKey0").Str("format", "raw").Str("file", LibDir + "/master-key.aes"));
        BuildManagedPrManager();
        BuildPflash();
        if (ctx.HostFips && p.Has("enable-fips"))
        {
            Add("-enable-fips");
        }

        BuildMachine();
        BuildAccel();
        BuildTseg();
        BuildCpu();
        BuildLoader();
        BuildMemory();
        BuildSmp();
        BuildIoThreads();
        BuildNuma();
        Add("-uuid", def.Uuid ?? "00000000-0000-0000-0000-000000000000");
        BuildSmbios();
        BuildFwCfg();
        BuildVmGenId();
        if (!DomainPreparer.HasDevice<GraphicsDevice>(def.Devices))
        {
            Add("-display", "none");
        }

        Add("-no-user-config");
        Add("-nodefaults");
        BuildMonitor();
        BuildClock();
        BuildPowerManagement();
        BuildBoot();
        BuildIommu();
        BuildGlobalControllerOptions();
        BuildControllers();
        BuildHubs();
        BuildMemoryDevices();
        BuildCcidControllers();
        BuildDisks();
        BuildFilesystems();
        BuildNetworks();
        BuildSmartcards();
        BuildSerials();
        BuildParallels();
        BuildChannels();
        BuildConsoles();
        BuildTpms();
        BuildInputs();
        BuildAudio();
        BuildGraphics();
        BuildVideos();
        BuildSounds();
        BuildWatchdogs();
        BuildRedirdevs();
        BuildInterfaceHostdevs();
        BuildHostdevs();
        if (ctx.IncomingUri is not null)
        {
            Add("-incoming", ctx.IncomingUri);
        }

        BuildMemballoon();
        BuildRngs();
        BuildSpaprNvram();
        BuildVmCoreInfo();
        BuildLaunchSecurity();
        BuildQemuNamespaceArgs();
        BuildQemuNamespaceEnv();
        if (cfg.SeccompSandbox != 0 && p.Has("seccomp-sandbox"))
        {
            Add("-sandbox", "on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
        }

        BuildPanics();
        BuildShmems();
        BuildVsocks();

        if (cfg.LogTimestamp)
        {
            Add("-msg", "timestamp=on");
        }

        return new QemuCommandLine([.. env], def.Emulator ?? p.Emulator, [.. args]);
    }

    private void Add(params ReadOnlySpan<string> values) => args.AddRange(values);

    private void SetEnv(string name, string value)
    {
        for (var i = 0; i < env.Count; i++)
        {
            if (env[i].Key == name)
            {
                env[i] = new(name, value);
                return;
            }
        }

        env.Add(new(name, value));
    }

    private static readonly string[] PassThroughEnvironment = ["LD_PRELOAD", "LD_LIBRARY_PATH", "DYLD_INSERT_LIBRARIES", "DYLD_FORCE_FLAT_NAMESPACE", "PATH", "HOME", "USER", "LOGNAME", "TMPDIR"];

    private void BuildEnvironment()
    {
        SetEnv("LC_ALL", "C");
        var inherited = ctx.InheritedEnvironment;
        if (inherited.IsDefaultOrEmpty && ctx.TestHarness)
        {
            inherited = [new("PATH", "/bin"), new("HOME", "/home/test"), new("USER", "test"), new("LOGNAME", "test")];
        }

        foreach (var name in PassThroughEnvironment)
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

    private void Device(QemuProps props)
    {
        ApplyDeviceOverrides(props);
        Add("-device", JsonDevices ? props.ToJson() : props.ToKeyValue("driver"));
    }

    private void ObjectArg(QemuProps props) =>
        Add("-object", JsonObjects ? props.ToJson() : props.ToKeyValue("qom-type"));

    private void BuildPflash()
    {
        var loader = def.Os.Loader;
        if (loader?.Path is null || loader.Type != "pflash")
        {
            return;
        }

        Blockdev(new QemuProps().Str("driver", "file").Str("filename", loader.Path).Str("node-name", "libvirt-pflash0-storage").Bool("auto-read-only", true).Str("discard", "unmap"));
        Blockdev(new QemuProps().Str("node-name", "libvirt-pflash0-format").Bool("read-only", loader.ReadOnly == "yes").Str("driver", loader.Format ?? "raw").Str("file", "libvirt-pflash0-storage"));
        if (def.Os.Loader?.Stateless != "yes" && def.Os.Nvram?.Storage is { Type: "network" } store)
        {
            // A network variable store gets a disk-like storage node (with its secrets).
            BuildStandaloneImage(store with { Format = def.Os.Nvram.Format ?? store.Format }, "libvirt-pflash1", readOnly: false);
        }
        else if (NvramPath() is { } nvram)
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

        if ((string?)def.Os.Nvram?.Source?.Attribute("file") is { } file)
        {
            return file;
        }

        return def.Os.Loader?.ReadOnly == "yes" ? cfg.NvramDir + "/" + def.Name + "_VARS.fd" : null;
    }

    private void Blockdev(QemuProps props) => Add("-blockdev", props.ToJson());

    private void BuildSmp()
    {
        var v = def.Vcpu;
        var sb = TextBuilderCache.Acquire();
        sb.Append(StartupVcpus().ToString(CultureInfo.InvariantCulture));
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

        Add("-smp", TextBuilderCache.ToStringAndRelease(sb));
    }

    /// <summary>
    /// vCPUs QEMU starts with: with per-vCPU settings (&lt;vcpus&gt;), the enabled ones that are
    /// not hotpluggable (hotpluggable ones are added after start); else the current count.
    /// </summary>
    private int StartupVcpus()
    {
        if (def.Extra("vcpus") is { } vcpus && vcpus.Elements("vcpu").Any())
        {
            return vcpus.Elements("vcpu").Count(v => (string?)v.Attribute("enabled") == "yes" && (string?)v.Attribute("hotpluggable") != "yes");
        }

        return def.Vcpu.Current ?? def.Vcpu.Count;
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

    private static string Num(long v) => v.ToString(CultureInfo.InvariantCulture);
}
