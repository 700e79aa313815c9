using System.Collections.Immutable;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;
using Vireo.Qemu.Firmware;
using Vireo.Qemu.Preparation;
using Vireo.Qmp;
using Vireo.Runtime.Control;
using Vireo.Runtime.Hotplug;
using Vireo.Runtime.Processes;
using Vireo.Runtime.State;

namespace Vireo.Runtime.Launch;

/// <summary>
/// Starts a guest for real: prepares the definition (pty serial ports become sockets,
/// defaults, firmware, aliases), builds its command line with a launch context rooted in
/// the state directory, writes the master key, NVRAM, live definition and record, starts
/// QEMU detached with its output in the log, waits for the monitor and resumes the guest.
/// Any failure stops QEMU and removes what the start created, so nothing is left but the log.
/// </summary>
public static class DomainLauncher
{
    private const int MaxSocketPathBytes = 107;

    private static readonly string[] InheritedVariables = ["PATH", "HOME", "USER", "LOGNAME", "TMPDIR"];

    /// <summary>Starts the domain and returns once its guest runs (or, with <see cref="StartOptions.Paused"/>, is ready paused).</summary>
    /// <exception cref="VireoException">The domain is refused, already running or busy, or QEMU fails to start.</exception>
    public static async Task<StartResult> StartAsync(StateDirectory state, DomainDefinition definition, StartOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var paths = state.Paths(definition.Name);
        CheckSocketPath(paths.MonitorSocket);
        state.EnsureWritable();

        using var domainLock = state.LockDomain(definition.Name, options.LockWait);
        await ClearStaleStateAsync(paths).ConfigureAwait(false);

        var prepared = Prepare(definition, paths, options);
        var record = Reserve(state, paths, prepared);
        int? pid = null;
        ulong startTime = 0;
        try
        {
            var context = Context(record.Id, paths, options);
            var cmd = QemuEngine.BuildCommandLine(prepared.Definition, options.Host, prepared.Config, context);
            CheckFiles(cmd, prepared.Firmware);
            WriteLaunchFiles(paths, prepared, context);
            record = record with { Backends = CommandLineDevices.Plugs(cmd.Arguments).ToImmutableDictionary(kv => kv.Key, kv => CommandLineDevices.Backends(kv.Value)) };
            DomainStore.WriteRecord(paths, record);

            var logOffset = QemuLog.BeginStart(paths.LogFile, definition.Name, ArgsTextRenderer.Render(cmd));
            pid = DetachedProcess.Spawn(new SpawnRequest
            {
                Executable = cmd.Emulator,
                Arguments = cmd.Arguments,
                Environment = cmd.Environment,
                OutputPath = paths.LogFile,
            });
            startTime = await StartTimeOfAsync(pid.Value).ConfigureAwait(false);
            record = record with { Pid = pid, ProcessStartTime = startTime, Phase = DomainPhase.Spawned };
            DomainStore.WriteRecord(paths, record);

            var status = await BringUpAsync(paths, pid.Value, startTime, logOffset, options, cancellationToken).ConfigureAwait(false);
            record = record with { Phase = DomainPhase.Ready, ReadyAt = DateTimeOffset.UtcNow };
            DomainStore.WriteRecord(paths, record);
            return new StartResult(record, status, cmd, clock.Elapsed, paths);
        }
        catch (Exception ex)
        {
            await AbortAsync(paths, pid, startTime).ConfigureAwait(false);
            if (ex is VireoException or OperationCanceledException)
            {
                throw;
            }

            if (ex is IOException or UnauthorizedAccessException)
            {
                throw new RuntimeException($"cannot start domain '{definition.Name}': {ex.Message}", ex);
            }

            throw;
        }
    }

    /// <summary>
    /// The definition as it will run: pty serials as sockets, post-parsed, firmware chosen,
    /// every device aliased; and the driver configuration that goes with it.
    /// </summary>
    public static PreparedDomain Prepare(DomainDefinition definition, DomainPaths paths, StartOptions options)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var def = SerialSockets.Apply(definition, paths);
        def = QemuEngine.PostParse(def, options.Host, Config(options, paths), inactive: true);
        return Finish(def, paths, options);
    }

    /// <summary>
    /// For a definition that is already post-parsed (the live one, plus a new device):
    /// firmware and aliases as at start, and the matching driver configuration.
    /// </summary>
    public static PreparedDomain Finish(DomainDefinition postParsed, DomainPaths paths, StartOptions options)
    {
        ArgumentNullException.ThrowIfNull(postParsed);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var dirs = options.FirmwareDirectories ?? FirmwareSelector.StandardDirectories();
        ImmutableArray<FirmwareDescriptor> descriptors;
        try
        {
            descriptors = FirmwareDescriptorReader.ReadDirectories(dirs);
        }
        catch (FirmwareDescriptorException ex)
        {
            throw new RuntimeException(ex.Detail, ex);
        }

        var firmware = FirmwareSelector.Apply(postParsed, descriptors, paths.NvramDirectory, [.. dirs.Where(Directory.Exists)]);
        var config = Config(options, paths) with
        {
            FirmwareDescriptors = firmware.Definition.Os.Firmware is not null && firmware.Descriptor is { } d ? [d] : [],
        };
        var def = firmware.Definition;
        def = DeviceAliases.Assign(def, DomainPreparer.PlatformOf(def, options.Host));
        return new PreparedDomain(def, config, firmware);
    }

    /// <summary>The host policy with its directories moved into the state directory.</summary>
    public static DriverConfig Config(StartOptions options, DomainPaths paths)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        return options.Config with
        {
            NvramDir = paths.NvramDirectory,
            LibDir = paths.LibDirectory,
            ChannelTargetDir = paths.ChannelDirectory,
            FirmwareDescriptors = [],
        };
    }

    /// <summary>The launch context of a domain in the state directory (no master key: the start generates it).</summary>
    public static LaunchContext Context(int id, DomainPaths paths, StartOptions options)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        var env = options.Environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var inherited = InheritedVariables.Where(env.ContainsKey).Select(n => new KeyValuePair<string, string>(n, env[n]));
        return new LaunchContext
        {
            DomainId = id,
            LibDir = paths.LibDirectory,
            ChannelTargetDir = paths.ChannelDirectory,
            MonitorSocketPath = paths.MonitorSocket,
            PassedListenFd = null,
            StartPaused = true,
            InheritedEnvironment = [.. inherited],
            MasterKey = [.. RandomNumberGenerator.GetBytes(32)],
            AddEglHeadlessForMdevDisplays = true,
        };
    }

    private static async Task ClearStaleStateAsync(DomainPaths paths)
    {
        var existing = DomainStore.ReadRecord(paths);
        if (existing is null)
        {
            if (Directory.Exists(paths.Directory))
            {
                DomainStore.RemoveRuntimeState(paths);
            }

            return;
        }

        if (existing.Pid is { } pid && existing.ProcessStartTime is { } start && ProcessControl.IsRunning(pid, start))
        {
            throw new RuntimeException($"domain '{paths.Name}' is already running (id {existing.Id}, pid {pid})");
        }

        // A crashed QEMU or an interrupted start: its state is stale.
        if (existing.Pid is { } stalePid && existing.ProcessStartTime is { } staleStart)
        {
            await ProcessControl.KillAndWaitAsync(stalePid, staleStart).ConfigureAwait(false);
        }

        DomainStore.RemoveRuntimeState(paths);
    }

    private static DomainRecord Reserve(StateDirectory state, DomainPaths paths, PreparedDomain prepared)
    {
        using var ids = state.LockIds();
        var used = new HashSet<int>();
        foreach (var name in state.DomainNames())
        {
            try
            {
                if (DomainStore.ReadRecord(state.Paths(name)) is { } other)
                {
                    used.Add(other.Id);
                }
            }
            catch (RuntimeException)
            {
                // A corrupt record holds no id worth keeping.
            }
        }

        var id = 1;
        while (used.Contains(id))
        {
            id++;
        }

        try
        {
            CreatePrivateDirectory(paths.Directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot create state directory '{paths.Directory}': {ex.Message}", ex);
        }

        var def = prepared.Definition;
        var record = new DomainRecord
        {
            Name = def.Name,
            Id = id,
            Uuid = def.Uuid,
            Emulator = def.Emulator ?? "",
            Arch = def.Os.Arch ?? "",
            Machine = def.Os.Machine ?? "",
            CreatedAt = DateTimeOffset.UtcNow,
            FirmwareDescriptor = prepared.Firmware.Descriptor?.FileName,
        };
        DomainStore.WriteRecord(paths, record);
        return record;
    }

    private static void CheckFiles(QemuCommandLine cmd, FirmwareChoice firmware)
    {
        if (!Path.IsPathRooted(cmd.Emulator) || !File.Exists(cmd.Emulator))
        {
            throw new RuntimeException($"emulator '{cmd.Emulator}' does not exist (set <emulator> in the domain, or install QEMU)");
        }

        if (firmware.Definition.Os.Loader?.Path is { } loader && !File.Exists(loader))
        {
            throw new RuntimeException($"firmware '{loader}' does not exist (fix <loader>, or install the firmware package)");
        }

        if (firmware.NvramPath is { } nvram && !File.Exists(nvram))
        {
            if (firmware.NvramTemplate is null)
            {
                throw new RuntimeException($"NVRAM '{nvram}' does not exist and there is no template to create it from (add <nvram template='...'>)");
            }

            if (!File.Exists(firmware.NvramTemplate))
            {
                throw new RuntimeException($"NVRAM template '{firmware.NvramTemplate}' does not exist");
            }
        }
    }

    private static void WriteLaunchFiles(DomainPaths paths, PreparedDomain prepared, LaunchContext context)
    {
        var name = prepared.Definition.Name;
        try
        {
            CreatePrivateDirectory(paths.LibDirectory);
            CreatePrivateDirectory(context.DomainLibDir(name));
            CreatePrivateDirectory(paths.ChannelDirectory);
            CreatePrivateDirectory(context.DomainChannelDir(name));
            CreatePrivateDirectory(paths.ScratchDirectory);
            AtomicFile.WriteBytes(Path.Combine(context.DomainLibDir(name), "master-key.aes"), context.MasterKey.AsSpan(), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (prepared.Firmware is { NvramPath: { } nvram, NvramTemplate: { } template } && !File.Exists(nvram))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(nvram)!);
                AtomicFile.Copy(template, nvram);
            }

            DomainStore.WriteLiveXml(paths, LiveDefinition.Format(prepared.Definition));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RuntimeException($"cannot prepare the files of domain '{name}' in '{paths.Directory}': {ex.Message}", ex);
        }
    }

    private static async Task<string> BringUpAsync(DomainPaths paths, int pid, ulong startTime, long logOffset, StartOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var qmp = MonitorConnection.Options(options.MonitorTimeout, options.MonitorTimeout);
            await using var client = await MonitorConnection.ConnectAsync(paths.MonitorSocket, pid, startTime, options.MonitorTimeout, qmp, cancellationToken).ConfigureAwait(false);
            if (!options.Paused)
            {
                await client.ExecuteAsync("cont", null, cancellationToken).ConfigureAwait(false);
            }

            var status = await client.ExecuteAsync("query-status", null, cancellationToken).ConfigureAwait(false);
            var text = status.TryGetProperty("status", out var s) ? s.GetString() ?? "" : "";
            if (!options.Paused && text != "running")
            {
                throw new RuntimeException($"domain '{paths.Name}' did not start running: QEMU reports '{text}'");
            }

            return text;
        }
        catch (QemuExitedException ex)
        {
            throw StartFailure(paths, logOffset, ex.How ?? "exited");
        }
        catch (QmpException) when (!ProcessControl.IsRunning(pid, startTime))
        {
            throw StartFailure(paths, logOffset, ProcessControl.ExitDescription(pid) ?? "exited");
        }
    }

    private static RuntimeException StartFailure(DomainPaths paths, long logOffset, string how)
    {
        // QEMU may still be flushing its last words.
        Thread.Sleep(20);
        var said = QemuLog.ErrorSummary(QemuLog.OutputSince(paths.LogFile, logOffset));
        return new RuntimeException($"QEMU {how} while starting domain '{paths.Name}'{(said.Length > 0 ? ": " + said : "")} (log: {paths.LogFile})");
    }

    private static async Task AbortAsync(DomainPaths paths, int? pid, ulong startTime)
    {
        try
        {
            if (pid is { } p)
            {
                await ProcessControl.KillAndWaitAsync(p, startTime).ConfigureAwait(false);
            }
        }
        finally
        {
            try
            {
                DomainStore.RemoveRuntimeState(paths);
            }
            catch (RuntimeException)
            {
                // Nothing more can be done; 'vireo destroy' will retry.
            }
        }
    }

    private static async Task<ulong> StartTimeOfAsync(int pid)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (ProcessTable.Read(pid) is { } info)
            {
                return info.StartTime;
            }

            await Task.Delay(1).ConfigureAwait(false);
        }

        throw new RuntimeException($"QEMU (pid {pid}) vanished right after it was started");
    }

    private static void CheckSocketPath(string path)
    {
        if (Encoding.UTF8.GetByteCount(path) > MaxSocketPathBytes)
        {
            throw new RuntimeException($"socket path '{path}' is too long for a UNIX socket ({MaxSocketPathBytes} bytes at most): choose a shorter --state-dir or domain name");
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
