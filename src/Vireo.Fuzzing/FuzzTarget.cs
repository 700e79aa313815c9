using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Qemu;
using Vireo.Qemu.CommandLine;
using Vireo.Qemu.Configuration;

namespace Vireo.Fuzzing;

/// <summary>
/// The pipeline of the CLI's <c>xml2argv</c> and <c>xml2xml</c>, through the engine's own API:
/// strict UTF-8 decoding, <see cref="DomainXmlParser.Parse"/>, capabilities for the domain's
/// arch, <see cref="QemuEngine.PostParse"/>, <see cref="DomainXmlFormatter.Format"/>,
/// <see cref="QemuEngine.BuildCommandLine"/> and <see cref="ArgsTextRenderer.Render"/>.
/// A <see cref="VireoException"/> is a refusal; any other exception is a bug. Thread-safe.
/// </summary>
public sealed class FuzzTarget : IFuzzTarget
{
    // Pinned "random" bytes (a missing UUID, <genid/>) keep every run reproducible.
    private static readonly DomainParseOptions ParseOptions = new() { Inactive = true, RandomBytes = n => new byte[n] };

    private readonly FuzzCapabilities _capabilities;

    /// <summary>Creates the target over the given capabilities.</summary>
    public FuzzTarget(FuzzCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        _capabilities = capabilities;
    }

    /// <summary>The capability sources.</summary>
    public FuzzCapabilities Capabilities => _capabilities;

    /// <inheritdoc/>
    public FuzzOutcome Run(byte[] input, long variant, FuzzSlot? slot = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var phase = FuzzPhases.Parse;
        try
        {
            var def = DomainXmlParser.Parse(SecureXml.DecodeUtf8(input), ParseOptions);

            phase = Enter(slot, FuzzPhases.Capabilities);
            var host = _capabilities.HostFor(def.Os.Arch, variant);
            if (host is null)
            {
                // The CLI refuses this too: "no embedded capabilities for arch ...".
                return new FuzzOutcome(OutcomeKind.Refused, phase);
            }

            var config = new DriverConfig();
            phase = Enter(slot, FuzzPhases.PostParse);
            def = QemuEngine.PostParse(def, host, config, inactive: true);

            phase = Enter(slot, FuzzPhases.Format);
            _ = DomainXmlFormatter.Format(def, new DomainFormatOptions { Inactive = true });

            phase = Enter(slot, FuzzPhases.Build);
            var context = LaunchContext.ForConversion(def.Name, host.Os);
            var cmd = QemuEngine.BuildCommandLine(def, host, config, context);

            phase = Enter(slot, FuzzPhases.Render);
            _ = ArgsTextRenderer.Render(cmd);
            return new FuzzOutcome(OutcomeKind.Ok, phase);
        }
        catch (Exception ex)
        {
            return Classify(ex, phase);
        }
    }

    /// <summary>Classifies an exception thrown in <paramref name="phase"/>: a <see cref="VireoException"/> is a refusal, anything else a bug.</summary>
    public static FuzzOutcome Classify(Exception ex, string phase)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is VireoException)
        {
            return new FuzzOutcome(OutcomeKind.Refused, phase);
        }

        var signature = phase + ": " + ex.GetType().FullName + " at " + FirstVireoFrame(ex);
        var error = ex.GetType().FullName + ": " + ex.Message.ReplaceLineEndings(" ");
        return new FuzzOutcome(OutcomeKind.Bug, phase, signature, error);
    }

    /// <summary>
    /// The innermost Vireo method on the exception's stack (its throw site, or the Vireo
    /// caller of the framework method that threw), read from the stack trace text (no
    /// reflection, so it works trimmed and AOT-compiled), or "?".
    /// </summary>
    private static string FirstVireoFrame(Exception ex)
    {
        string? first = null;
        foreach (var raw in (ex.StackTrace ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal))
            {
                continue;
            }

            var method = line[3..];
            var paren = method.IndexOf('(', StringComparison.Ordinal);
            method = paren > 0 ? method[..paren] : method;
            first ??= method;
            if (method.StartsWith("Vireo.", StringComparison.Ordinal) && !method.StartsWith("Vireo.Fuzzing.", StringComparison.Ordinal))
            {
                return method;
            }
        }

        return first ?? "?";
    }

    private static string Enter(FuzzSlot? slot, string phase)
    {
        if (slot is not null)
        {
            slot.Phase = phase;
        }

        return phase;
    }
}
