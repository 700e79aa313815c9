using System.Text.Json;
using System.Text.Json.Nodes;
using Vireo.Qmp;

namespace Vireo.Probing;

/// <summary>
/// Runs the probing queries over one QMP connection, pipelined: every query that does
/// not depend on an earlier answer is in flight at once, so a session takes three round
/// trips (independent queries; per-type queries; host CPU expansion).
/// </summary>
internal sealed class ProbeSession
{
    private const string SchemaQuery = "query-qmp-schema";

    private static readonly string[] IndependentQueries =
    [
        "query-version", "query-target", "query-qmp-schema", "query-commands", "query-kvm",
        "qom-list-types", "query-machines", "query-cpu-definitions", "query-tpm-models", "query-tpm-types",
        "query-command-line-options", "query-migrate-capabilities",
    ];

    private readonly QmpClient _client;
    private readonly TimeSpan _commandTimeout;
    private readonly ProbeTimings? _timings;
    private readonly string _label;
    private readonly ProbeData _data = new();

    private ProbeSession(QmpClient client, ProbeOptions options, string label)
    {
        _client = client;
        _commandTimeout = options.CommandTimeout;
        _timings = options.Timings;
        _label = label;
    }

    /// <summary>
    /// The full probe. <paramref name="facts"/>, when given, is completed as soon as the
    /// facts a concurrent TCG session waits for are known (and failed if this session fails).
    /// </summary>
    public static async Task<ProbeData> RunPrimaryAsync(
        QmpClient client,
        ProbeOptions options,
        string label,
        TaskCompletionSource<PrimaryFacts>? facts,
        Task<JsonElement>? schema,
        CancellationToken cancellationToken)
    {
        try
        {
            var session = new ProbeSession(client, options, label);
            await session.RunPrimaryCoreAsync(facts, schema, cancellationToken).ConfigureAwait(false);
            return session._data;
        }
        catch (Exception ex)
        {
            facts?.TrySetException(ex);
            throw;
        }
    }

    /// <summary>
    /// The TCG-only probe: CPU models, host CPU expansion and machines under TCG; and, when
    /// <paramref name="schema"/> is given, the QAPI schema for the main session (asked first).
    /// With <paramref name="schemaOnly"/>, only the schema.
    /// </summary>
    public static async Task<ProbeData> RunTcgAsync(
        QmpClient client,
        ProbeOptions options,
        string label,
        Task<PrimaryFacts> facts,
        TaskCompletionSource<JsonElement>? schema,
        bool schemaOnly,
        CancellationToken cancellationToken)
    {
        var session = new ProbeSession(client, options, label);
        var shared = schema is null ? Task.CompletedTask : session.FetchSchemaAsync(schema, cancellationToken);
        if (schemaOnly)
        {
            await shared.ConfigureAwait(false);
            return session._data;
        }

        var independent = Task.WhenAll(
            shared,
            session.QueryAsync("query-cpu-definitions", null, cancellationToken),
            session.QueryAsync("query-machines", null, cancellationToken));
        var known = await facts.WaitAsync(cancellationToken).ConfigureAwait(false);
        session.Mark("facts from the main session");
        var expansion = known.HasCpuModelExpansion
            ? session.ExpandHostCpuAsync("max", known.Arch, known.CanonicalCpuFeatures, cancellationToken)
            : Task.CompletedTask;
        await Task.WhenAll(independent, expansion).ConfigureAwait(false);
        session.Mark("queries answered");
        return session._data;
    }

    private async Task RunPrimaryCoreAsync(TaskCompletionSource<PrimaryFacts>? facts, Task<JsonElement>? schema, CancellationToken cancellationToken)
    {
        // Round 1: everything that needs no earlier answer (the schema, when another session
        // fetches it, excepted).
        await Task.WhenAll(IndependentQueries
            .Where(q => schema is null || q != SchemaQuery)
            .Select(q => QueryAsync(q, null, cancellationToken))).ConfigureAwait(false);
        Mark("round 1 (independent queries)");

        if (!_data.TryGet("query-version", out _))
        {
            throw new ProbeException("QEMU did not answer query-version" + ErrorSuffix("query-version"));
        }

        var arch = _data.Object("query-target") is { } target && Json.String(target, "arch") is { } qemuArch
            ? ArchRules.FromQemu(qemuArch)
            : throw new ProbeException("QEMU did not report its target architecture" + ErrorSuffix("query-target"));
        var types = _data.Names("qom-list-types");
        var commands = _data.Names("query-commands");
        var machines = _data.Array("query-machines");

        // Round 2: per-type queries. Like libvirt, a rule without a condition is always asked
        // (a device can be introspectable without being listed); a conditional one only when
        // the type its condition stands for is present.
        var typeFlags = FlagRules.Types.Where(t => types.Contains(t.Type)).Select(t => t.Flag).ToHashSet(StringComparer.Ordinal);
        var round2 = new List<Task>();
        var devices = FlagRules.DeviceProperties
            .Where(r => r.Condition is null || typeFlags.Contains(r.Condition))
            .Select(r => r.TypeName)
            .Concat(FlagRules.ExtraDevices.Where(types.Contains))
            .Distinct(StringComparer.Ordinal);
        foreach (var device in devices)
        {
            round2.Add(QueryAsync(ProbeData.DeviceKey(device), "device-list-properties", TypeName(device), cancellationToken));
        }

        foreach (var rule in FlagRules.ObjectProperties)
        {
            if (rule.Condition is null || typeFlags.Contains(rule.Condition))
            {
                round2.Add(QueryAsync(ProbeData.QomKey(rule.TypeName), "qom-list-properties", TypeName(rule.TypeName), cancellationToken));
            }
        }

        foreach (var rule in FlagRules.MachineProperties)
        {
            if (MachineQomType(rule.TypeName, machines) is { } qomType)
            {
                round2.Add(QueryAsync(ProbeData.QomKey(qomType), "qom-list-properties", TypeName(qomType), cancellationToken));
            }
        }

        if (ArchRules.IsArm(arch))
        {
            round2.Add(QueryAsync("query-gic-capabilities", null, cancellationToken));
        }

        if (commands.Contains("query-events"))
        {
            // Gone from QEMU 7.x (the schema lists events); kept for older binaries' record.
            round2.Add(QueryAsync("query-events", null, cancellationToken));
        }

        if (types.Contains("sev-guest"))
        {
            round2.Add(QueryAsync("query-sev-capabilities", null, cancellationToken));
        }

        if (types.Contains("sgx-epc"))
        {
            round2.Add(QueryAsync("query-sgx-capabilities", null, cancellationToken));
        }

        await Task.WhenAll(round2).ConfigureAwait(false);
        Mark($"round 2 ({round2.Count} per-type queries)");

        var canonical = _data.Names(ProbeData.QomKey("max-x86_64-cpu")).Contains("unavailable-features")
            || _data.Names(ProbeData.QomKey("max-arm-cpu")).Contains("unavailable-features");
        var hasExpansion = commands.Contains("query-cpu-model-expansion");
        facts?.TrySetResult(new PrimaryFacts(arch, hasExpansion, canonical));

        // Round 3: the host-model CPU, for the accelerator this session runs with.
        if (hasExpansion)
        {
            var kvm = _data.Object("query-kvm") is { } k && Json.Bool(k, "present") == true && Json.Bool(k, "enabled") == true;
            await ExpandHostCpuAsync(kvm ? "host" : "max", arch, canonical, cancellationToken).ConfigureAwait(false);
            Mark("round 3 (host CPU expansion)");
        }

        if (schema is not null)
        {
            await TakeSchemaAsync(schema, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Records the schema another session fetched, or asks for it here when that failed.</summary>
    private async Task TakeSchemaAsync(Task<JsonElement> schema, CancellationToken cancellationToken)
    {
        try
        {
            _data.Record(SchemaQuery, await schema.WaitAsync(cancellationToken).ConfigureAwait(false));
            Mark("QAPI schema from the other session");
            return;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The other session could not get it: ask this QEMU.
        }

        await QueryAsync(SchemaQuery, null, cancellationToken).ConfigureAwait(false);
        Mark("QAPI schema");
    }

    /// <summary>Fetches the QAPI schema for another session; <paramref name="schema"/> gets the answer or the failure.</summary>
    private async Task FetchSchemaAsync(TaskCompletionSource<JsonElement> schema, CancellationToken cancellationToken)
    {
        try
        {
            schema.TrySetResult(await _client.ExecuteAsync(SchemaQuery, null, _commandTimeout, cancellationToken).ConfigureAwait(false));
            Mark("QAPI schema for the main session");
        }
        catch (Exception ex)
        {
            schema.TrySetException(ex);
            if (ex is not QmpErrorException)
            {
                throw;
            }
        }
    }

    private void Mark(string stage) => _timings?.Mark(_label + ": " + stage);

    /// <summary>
    /// The host-model expansion the way libvirt asks for it: static on x86 (static then full
    /// when QEMU predates canonical feature names) and s390, full on Arm; on x86 a second
    /// expansion without migratability filtering tells which features block migration.
    /// </summary>
    private async Task ExpandHostCpuAsync(string model, string arch, bool canonical, CancellationToken cancellationToken)
    {
        var type = ArchRules.IsX86(arch) && !canonical ? "static-full"
            : ArchRules.IsArm(arch) ? "full"
            : "static";
        if (!await ExpandAsync(ProbeData.HostCpuKey, type, model, migratable: true, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (ArchRules.IsX86(arch))
        {
            await ExpandAsync(ProbeData.HostCpuNonMigratableKey, type, model, migratable: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ExpandAsync(string key, string type, string model, bool migratable, CancellationToken cancellationToken)
    {
        var modelArg = new JsonObject { ["name"] = model };
        if (!migratable)
        {
            modelArg["props"] = new JsonObject { ["migratable"] = false };
        }

        if (type != "static-full")
        {
            return await QueryAsync(key, "query-cpu-model-expansion", new JsonObject { ["type"] = type, ["model"] = modelArg }, cancellationToken).ConfigureAwait(false);
        }

        var staticKey = key + ":static";
        if (!await QueryAsync(staticKey, "query-cpu-model-expansion", new JsonObject { ["type"] = "static", ["model"] = modelArg }, cancellationToken).ConfigureAwait(false)
            || !_data.TryGet(staticKey, out var first)
            || Json.Member(first, "model") is not { ValueKind: JsonValueKind.Object } staticModel)
        {
            return false;
        }

        return await QueryAsync(key, "query-cpu-model-expansion", new JsonObject { ["type"] = "full", ["model"] = JsonNode.Parse(staticModel.GetRawText()) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one query; QEMU's error answers are recorded, not thrown.</summary>
    private async Task<bool> QueryAsync(string key, string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        try
        {
            _data.Record(key, await _client.ExecuteAsync(command, arguments, _commandTimeout, cancellationToken).ConfigureAwait(false));
            return true;
        }
        catch (QmpErrorException ex)
        {
            _data.RecordError(key, ex);
            return false;
        }
    }

    private Task<bool> QueryAsync(string command, JsonObject? arguments, CancellationToken cancellationToken) =>
        QueryAsync(command, command, arguments, cancellationToken);

    private string ErrorSuffix(string key) =>
        _data.Errors.TryGetValue(key, out var error) ? ": " + error : "";

    private static JsonObject TypeName(string typeName) => new() { ["typename"] = typeName };

    /// <summary>The QOM type of a machine named (or aliased) <paramref name="nameOrAlias"/>: <c>CANONICAL-machine</c>.</summary>
    internal static string? MachineQomType(string nameOrAlias, JsonElement? machines)
    {
        if (nameOrAlias == "none")
        {
            return "none-machine";
        }

        if (machines is not { } list)
        {
            return null;
        }

        foreach (var m in list.EnumerateArray())
        {
            if (Json.String(m, "alias") == nameOrAlias && Json.String(m, "name") is { } canonical)
            {
                return canonical + "-machine";
            }
        }

        foreach (var m in list.EnumerateArray())
        {
            if (Json.String(m, "name") == nameOrAlias)
            {
                return nameOrAlias + "-machine";
            }
        }

        return null;
    }
}
