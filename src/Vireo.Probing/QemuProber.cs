using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.Json;
using Vireo.Capabilities;
using Vireo.Qmp;

namespace Vireo.Probing;

/// <summary>
/// Finds out what a QEMU binary can do by asking it over QMP, the way libvirt does, and
/// returns a <see cref="QemuCapabilities"/> snapshot (write it with
/// <see cref="LibvirtCapsXml.Format"/> for libvirt's <c>caps_*.xml</c> layout).
/// </summary>
public static class QemuProber
{
    /// <summary>
    /// Starts <paramref name="binary"/> (as a child process, never through a shell) and probes
    /// it. Where KVM is usable the KVM and TCG probes run concurrently in two processes, the
    /// second also fetching the QAPI schema for the first (see <see cref="ProbeOptions.SchemaHelper"/>
    /// for doing the same without KVM).
    /// Every QEMU started is ended and reaped and its private directory removed, whatever
    /// the outcome.
    /// </summary>
    /// <exception cref="ProbeException">The binary is missing, QEMU failed or a time limit expired.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static async Task<ProbeResult> ProbeAsync(string binary, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(binary);
        options ??= ProbeOptions.Default;
        var clock = Stopwatch.StartNew();
        var path = ResolveBinary(binary);
        var emulator = options.EmulatorPath ?? path;

        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(options.Timeout);
        var shutdowns = new ConcurrentQueue<Task>();
        try
        {
            var withKvm = options.Accelerators == ProbeAccelerators.Auto
                && ArchRules.MayRunNatively(path)
                && KvmAvailability.IsUsable(options.KvmDevicePath);
            if (!withKvm && !options.SchemaHelper)
            {
                var data = await RunProcessAsync(path, "tcg", "tcg", options, (c, t) => ProbeSession.RunPrimaryAsync(c, options, "tcg", null, null, t), shutdowns, overall.Token).ConfigureAwait(false);
                return Result(data, null, emulator, clock, options.Timings);
            }

            // Two QEMUs run side by side. With KVM: the full probe under kvm:tcg and libvirt's
            // TCG-only one. Without (when asked for): the full probe under TCG and a helper that
            // only fetches the QAPI schema, the costliest answer. Either way the second QEMU
            // fetches the schema, so that neither does all the work.
            var mainAccel = withKvm ? "kvm:tcg" : "tcg";
            var otherLabel = withKvm ? "tcg" : "tcg (schema)";
            return await ProbeBothAsync(
                (facts, schema, t) => RunProcessAsync(path, mainAccel, mainAccel, options, (c, t2) => ProbeSession.RunPrimaryAsync(c, options, mainAccel, facts, schema, t2), shutdowns, t),
                (facts, schema, t) => RunProcessAsync(path, "tcg", otherLabel, options, (c, t2) => ProbeSession.RunTcgAsync(c, options, otherLabel, facts, schema, !withKvm, t2), shutdowns, t),
                startOtherFirst: !withKvm, // the schema alone takes the helper longer than the rest takes the probe
                emulator,
                clock,
                options.Timings,
                overall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
        {
            throw new ProbeException($"probing '{path}' timed out after {Seconds(options.Timeout)} s");
        }
        finally
        {
            // The QEMUs were told to quit as soon as their answers were in; they exit while
            // the capabilities are derived. None outlives this call.
            await Task.WhenAll(shutdowns).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Probes over already-connected monitors: <paramref name="primary"/> runs the full
    /// probe; <paramref name="tcg"/>, when given, is a monitor of the same binary running
    /// with TCG only, used when the primary one turns out to have KVM enabled. The clients
    /// stay open (the caller owns them).
    /// </summary>
    public static async Task<ProbeResult> ProbeAsync(QmpClient primary, QmpClient? tcg, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primary);
        options ??= ProbeOptions.Default;
        var clock = Stopwatch.StartNew();
        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(options.Timeout);
        try
        {
            if (tcg is null)
            {
                var data = await ProbeSession.RunPrimaryAsync(primary, options, "main", null, null, overall.Token).ConfigureAwait(false);
                return Result(data, null, options.EmulatorPath ?? "", clock, options.Timings);
            }

            return await ProbeBothAsync(
                (facts, schema, t) => ProbeSession.RunPrimaryAsync(primary, options, "main", facts, schema, t),
                (facts, schema, t) => ProbeSession.RunTcgAsync(tcg, options, "tcg", facts, schema, schemaOnly: false, t),
                startOtherFirst: false,
                options.EmulatorPath ?? "",
                clock,
                options.Timings,
                overall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
        {
            throw new ProbeException($"probing timed out after {Seconds(options.Timeout)} s");
        }
    }

    /// <summary>
    /// Probes QEMU monitors already listening on UNIX sockets (see
    /// <see cref="ProbeAsync(QmpClient, QmpClient?, ProbeOptions?, CancellationToken)"/>); the
    /// connections are closed afterwards, the QEMUs are left running.
    /// </summary>
    public static async Task<ProbeResult> ProbeSocketsAsync(string primarySocket, string? tcgSocket, ProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(primarySocket);
        options ??= ProbeOptions.Default;
        var clientOptions = options.ClientOptions();
        await using var primary = await QmpClient.ConnectUnixAsync(primarySocket, clientOptions, cancellationToken).ConfigureAwait(false);
        QmpClient? tcg = null;
        try
        {
            if (tcgSocket is not null)
            {
                tcg = await QmpClient.ConnectUnixAsync(tcgSocket, clientOptions, cancellationToken).ConfigureAwait(false);
            }

            return await ProbeAsync(primary, tcg, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (tcg is not null)
            {
                await tcg.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs the main and the TCG-only session concurrently. The TCG session's answers are
    /// used only when the main one ran with KVM; it is cancelled as soon as that is known
    /// not to be the case, and never outlives this call. The TCG session also fetches the
    /// QAPI schema — a constant of the binary, whichever accelerator runs, and the costliest
    /// answer to produce — for the main one, which asks its own QEMU only when that fails.
    /// </summary>
    private static async Task<ProbeResult> ProbeBothAsync(
        Func<TaskCompletionSource<PrimaryFacts>, Task<JsonElement>, CancellationToken, Task<ProbeData>> runPrimary,
        Func<Task<PrimaryFacts>, TaskCompletionSource<JsonElement>, CancellationToken, Task<ProbeData>> runTcg,
        bool startOtherFirst,
        string emulator,
        Stopwatch clock,
        ProbeTimings? timings,
        CancellationToken cancellationToken)
    {
        var facts = new TaskCompletionSource<PrimaryFacts>(TaskCreationOptions.RunContinuationsAsynchronously);
        var schema = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tcgCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Each call starts its QEMU before it first waits; the one on the longer path goes first.
        Task<ProbeData> primaryTask, tcgTask;
        if (startOtherFirst)
        {
            tcgTask = SharingSchema(runTcg(facts.Task, schema, tcgCancel.Token), schema);
            primaryTask = runPrimary(facts, schema.Task, cancellationToken);
        }
        else
        {
            primaryTask = runPrimary(facts, schema.Task, cancellationToken);
            tcgTask = SharingSchema(runTcg(facts.Task, schema, tcgCancel.Token), schema);
        }

        ProbeData primary;
        try
        {
            primary = await primaryTask.ConfigureAwait(false);
        }
        catch
        {
            facts.TrySetCanceled(CancellationToken.None);
            await tcgCancel.CancelAsync().ConfigureAwait(false);
            await Settle(tcgTask).ConfigureAwait(false);
            throw;
        }

        var kvm = primary.Object("query-kvm") is { } k && Json.Bool(k, "present") == true && Json.Bool(k, "enabled") == true;
        if (!kvm)
        {
            await tcgCancel.CancelAsync().ConfigureAwait(false);
            await Settle(tcgTask).ConfigureAwait(false);
            return Result(primary, null, emulator, clock, timings);
        }

        ProbeData? tcg;
        try
        {
            tcg = await tcgTask.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ProbeException or QmpException && !primary.Names("qom-list-types").Contains("tcg-accel"))
        {
            tcg = null; // a KVM-only build: no TCG side to describe
        }

        return Result(primary, tcg, emulator, clock, timings);
    }

    /// <summary>Whatever becomes of the TCG session, the main one is never left waiting for the schema.</summary>
    private static async Task<ProbeData> SharingSchema(Task<ProbeData> tcgSession, TaskCompletionSource<JsonElement> schema)
    {
        try
        {
            return await tcgSession.ConfigureAwait(false);
        }
        finally
        {
            schema.TrySetCanceled(CancellationToken.None);
        }
    }

    private static async Task Settle(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The outcome of an abandoned session does not matter; that it has ended does.
        }
    }

    private static async Task<ProbeData> RunProcessAsync(
        string binary,
        string accel,
        string label,
        ProbeOptions options,
        Func<QmpClient, CancellationToken, Task<ProbeData>> session,
        ConcurrentQueue<Task> shutdowns,
        CancellationToken cancellationToken)
    {
        var qemu = await QemuProbeProcess.StartAsync(binary, accel, label, options, cancellationToken).ConfigureAwait(false);
        ProbeData data;
        try
        {
            data = await session(qemu.Client, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpException ex)
        {
            // The monitor broke or stopped answering: QEMU crashed or hung.
            await qemu.DisposeAsync().ConfigureAwait(false);
            throw new ProbeException($"'{binary}' (accel={accel}): {ex.Detail}", ex);
        }
        catch
        {
            await qemu.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        // Done with it: it quits and is reaped in the background; the caller waits for that
        // before returning.
        shutdowns.Enqueue(qemu.DisposeAsync().AsTask());
        return data;
    }

    private static ProbeResult Result(ProbeData primary, ProbeData? tcg, string emulator, Stopwatch clock, ProbeTimings? timings)
    {
        var caps = CapabilityDeriver.Derive(primary, tcg, emulator);
        timings?.Mark("derived the capabilities");
        var accels = caps.Has("kvm")
            ? (tcg is not null ? ImmutableArray.Create(Accelerator.Kvm, Accelerator.Tcg) : [Accelerator.Kvm])
            : [Accelerator.Tcg];
        var errors = primary.Errors.Select(e => e.Key + ": " + e.Value)
            .Concat(tcg?.Errors.Select(e => "tcg/" + e.Key + ": " + e.Value) ?? [])
            .Order(StringComparer.Ordinal)
            .ToImmutableArray();
        return new ProbeResult
        {
            Capabilities = caps,
            Elapsed = clock.Elapsed,
            Accelerators = accels,
            QueryErrors = errors,
        };
    }

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string ResolveBinary(string binary)
    {
        string? found = null;
        if (binary.Contains('/', StringComparison.Ordinal))
        {
            found = File.Exists(binary) ? Path.GetFullPath(binary) : null;
        }
        else
        {
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(dir, binary);
                if (File.Exists(candidate))
                {
                    found = Path.GetFullPath(candidate);
                    break;
                }
            }
        }

        if (found is null)
        {
            throw new ProbeException($"QEMU binary '{binary}' not found");
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(found) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) == 0)
        {
            throw new ProbeException($"QEMU binary '{found}' is not executable");
        }

        return found;
    }
}
