using System.Collections.Immutable;
using System.Diagnostics;
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
    /// it. Where KVM is usable the KVM and TCG probes run concurrently in two processes.
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
        try
        {
            var withKvm = options.Accelerators == ProbeAccelerators.Auto
                && ArchRules.MayRunNatively(path)
                && KvmAvailability.IsUsable(options.KvmDevicePath);
            if (!withKvm)
            {
                var data = await RunProcessAsync(path, "tcg", options, (c, t) => ProbeSession.RunPrimaryAsync(c, options.CommandTimeout, null, t), overall.Token).ConfigureAwait(false);
                return Result(data, null, emulator, clock);
            }

            return await ProbeBothAsync(
                (facts, t) => RunProcessAsync(path, "kvm:tcg", options, (c, t2) => ProbeSession.RunPrimaryAsync(c, options.CommandTimeout, facts, t2), t),
                (facts, t) => RunProcessAsync(path, "tcg", options, (c, t2) => ProbeSession.RunTcgAsync(c, options.CommandTimeout, facts, t2), t),
                emulator,
                clock,
                overall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && overall.IsCancellationRequested)
        {
            throw new ProbeException($"probing '{path}' timed out after {Seconds(options.Timeout)} s");
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
                var data = await ProbeSession.RunPrimaryAsync(primary, options.CommandTimeout, null, overall.Token).ConfigureAwait(false);
                return Result(data, null, options.EmulatorPath ?? "", clock);
            }

            return await ProbeBothAsync(
                (facts, t) => ProbeSession.RunPrimaryAsync(primary, options.CommandTimeout, facts, t),
                (facts, t) => ProbeSession.RunTcgAsync(tcg, options.CommandTimeout, facts, t),
                options.EmulatorPath ?? "",
                clock,
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
    /// not to be the case, and never outlives this call.
    /// </summary>
    private static async Task<ProbeResult> ProbeBothAsync(
        Func<TaskCompletionSource<PrimaryFacts>, CancellationToken, Task<ProbeData>> runPrimary,
        Func<Task<PrimaryFacts>, CancellationToken, Task<ProbeData>> runTcg,
        string emulator,
        Stopwatch clock,
        CancellationToken cancellationToken)
    {
        var facts = new TaskCompletionSource<PrimaryFacts>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var tcgCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var primaryTask = runPrimary(facts, cancellationToken);
        var tcgTask = runTcg(facts.Task, tcgCancel.Token);

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
            return Result(primary, null, emulator, clock);
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

        return Result(primary, tcg, emulator, clock);
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
        ProbeOptions options,
        Func<QmpClient, CancellationToken, Task<ProbeData>> session,
        CancellationToken cancellationToken)
    {
        var qemu = await QemuProbeProcess.StartAsync(binary, accel, options, cancellationToken).ConfigureAwait(false);
        await using (qemu.ConfigureAwait(false))
        {
            try
            {
                return await session(qemu.Client, cancellationToken).ConfigureAwait(false);
            }
            catch (QmpException ex)
            {
                // The monitor broke or stopped answering: QEMU crashed or hung.
                throw new ProbeException($"'{binary}' (accel={accel}): {ex.Detail}", ex);
            }
        }
    }

    private static ProbeResult Result(ProbeData primary, ProbeData? tcg, string emulator, Stopwatch clock)
    {
        var caps = CapabilityDeriver.Derive(primary, tcg, emulator);
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
