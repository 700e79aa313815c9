using System.Collections.Concurrent;
using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Domain.Xml;
using Vireo.Qemu.Configuration;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// Builds a field's domain with a value and checks the argv QEMU would read: every option must
/// parse to the same keys as with the benign probe value, and wherever the probe appeared the
/// hostile value must appear exactly (or the build must be refused with a Vireo error).
/// </summary>
internal static class InjectionHarness
{
    private static readonly ConcurrentDictionary<string, HostInfo> Hosts = new(StringComparer.Ordinal);

    /// <summary>Builds the field's domain with <paramref name="value"/>.</summary>
    public static InjectionOutcome Build(InjectionField field, string value)
    {
        try
        {
            var host = HostFor(field);
            var config = new DriverConfig();
            var def = DomainXmlParser.Parse(field.Xml(value), new DomainParseOptions { Inactive = true });
            def = QemuEngine.PostParse(def, host, config);
            var ctx = new LaunchContext
            {
                DomainId = 1,
                HostOs = "linux",
                MasterKey = [.. Enumerable.Range(0, 32).Select(i => (byte)i)],
                SecretIv = [.. Enumerable.Range(0, 16).Select(i => (byte)i)],
                SecretLookup = _ => "secret"u8.ToArray(),
            };
            ctx = ctx with { MonitorSocketPath = ctx.DomainLibDir(def.Name) + "/monitor.sock" };
            var cmd = QemuEngine.BuildCommandLine(def, host, config, ctx);
            return new InjectionOutcome([.. cmd.Arguments], null);
        }
#pragma warning disable CA1031 // Every exception is an outcome to classify.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new InjectionOutcome(null, ex);
        }
    }

    /// <summary>
    /// Compares a hostile build with the benign one. Returns null when QEMU would read exactly
    /// the hostile value where the probe was and nothing else changed, else what went wrong.
    /// </summary>
    public static string? Compare(InjectionField field, IReadOnlyList<string> benign, IReadOnlyList<string> hostile, string value)
    {
        var b = QemuArgvParser.Parse(benign);
        List<ParsedOption> h;
        try
        {
            h = QemuArgvParser.Parse(hostile);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return "an option is not valid JSON: " + ex.Message;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }

        if (b.Count != h.Count)
        {
            return $"argv has {h.Count} options instead of {b.Count}";
        }

        var accepted = new List<string> { value };
        if (field.TrimmedText)
        {
            accepted.AddRange([value.Trim(), value.TrimStart(), value.TrimEnd()]);
        }

        if (field.Derived is not null)
        {
            accepted.AddRange(field.Derived(value));
        }

        var found = false;
        for (var i = 0; i < b.Count; i++)
        {
            var (bo, ho) = (b[i], h[i]);
            if (bo.Option != ho.Option || bo.Syntax != ho.Syntax)
            {
                return $"option {i} is {ho.Option} ({ho.Syntax}) instead of {bo.Option} ({bo.Syntax})";
            }

            if (bo.Pairs.Count != ho.Pairs.Count)
            {
                return $"{bo.Option} has {ho.Pairs.Count} keys instead of {bo.Pairs.Count}: {Show(ho)}";
            }

            for (var k = 0; k < bo.Pairs.Count; k++)
            {
                var (bk, bv) = (bo.Pairs[k].Key, bo.Pairs[k].Value);
                var (hk, hv) = (ho.Pairs[k].Key, ho.Pairs[k].Value);
                if (bk.Contains(field.Probe, StringComparison.Ordinal))
                {
                    // The value is a key itself (a -cpu feature name, a fw_cfg name).
                    found = true;
                    if (!accepted.Any(a => bk.Replace(field.Probe, a, StringComparison.Ordinal) == hk))
                    {
                        return $"{bo.Option} key {k} is '{hk}' instead of '{bk.Replace(field.Probe, value, StringComparison.Ordinal)}'";
                    }

                    continue;
                }

                if (bk != hk)
                {
                    return $"{bo.Option} key {k} is '{hk}' instead of '{bk}': {Show(ho)}";
                }

                if (!bv.Contains(field.Probe, StringComparison.Ordinal) && !bk.Contains(field.Probe, StringComparison.Ordinal))
                {
                    if (bv != hv)
                    {
                        return $"{bo.Option} {bk} changed from '{bv}' to '{hv}'";
                    }

                    continue;
                }

                found = true;
                if (!accepted.Any(a => bv.Replace(field.Probe, a, StringComparison.Ordinal) == hv))
                {
                    return $"{bo.Option} {bk}: QEMU reads '{hv}', expected '{bv.Replace(field.Probe, value, StringComparison.Ordinal)}'";
                }
            }
        }

        return found ? null : "the probe value does not reach argv";
    }

    /// <summary>True when the benign probe value appears somewhere in argv.</summary>
    public static bool Reaches(InjectionField field, IReadOnlyList<string> argv) =>
        argv.Any(a => a.Contains(field.Probe, StringComparison.Ordinal));

    private static string Show(ParsedOption o) => string.Join(" | ", o.Pairs.Select(p => p.Key + "=" + p.Value));

    internal static HostInfo HostFor(InjectionField field)
    {
        var key = field.Arch + "|" + (field.LegacyFlags is null ? "qemu" : string.Join(",", field.LegacyFlags));
        return Hosts.GetOrAdd(key, _ =>
        {
            QemuCapabilities caps;
            if (field.LegacyFlags is null)
            {
                caps = EmbeddedSnapshots.For(field.Arch) ?? throw new InvalidOperationException("no embedded snapshot for " + field.Arch);
            }
            else
            {
                caps = FlagListCapabilities.WithFakeMachines(FlagListCapabilities.CreateForArgv([.. field.LegacyFlags], field.Arch, skipLegacyCpus: false, []), field.Arch, "linux");
            }

            var host = HostInfoFactory.CorpusHost();
            var byEmulator = host.CapabilitiesByEmulator;
            if (caps.Emulator.Length > 0)
            {
                byEmulator = byEmulator.SetItem(caps.Emulator, caps);
            }

            if (host.FindGuest(field.Arch) is { } guest)
            {
                byEmulator = byEmulator.SetItem(guest.Emulator, caps);
            }

            return host with { CapabilitiesByEmulator = byEmulator };
        });
    }
}
