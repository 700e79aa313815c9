using System.Globalization;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.Tests.Injection;

/// <summary>
/// Issue #7 part 2: every XML-derived string that reaches a QEMU option, fed hostile values.
/// For each value the build is either refused with a Vireo error (DomainXmlException /
/// DomainConfigException), or the argv, read back the way QEMU reads it, holds exactly that
/// value where the benign probe was and no key appeared, vanished or moved.
/// </summary>
public class OptionInjectionTests
{
    public static TheoryData<string> Fields()
    {
        var data = new TheoryData<string>();
        foreach (var f in InjectionCatalogue.All)
        {
            data.Add(f.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Probe_ReachesArgv(string name)
    {
        var field = Field(name);
        var outcome = InjectionHarness.Build(field, field.Probe);
        Assert.True(outcome.Argv is not null, $"the benign domain does not build: {outcome.Error}");
        Assert.True(InjectionHarness.Reaches(field, outcome.Argv), "the probe value does not reach argv");
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void HostileValue_IsReadBackExactly_OrRefused(string name)
    {
        var field = Field(name);
        var benign = InjectionHarness.Build(field, field.Probe);
        Assert.NotNull(benign.Argv);

        var dropped = field.DroppedLike is { } d ? InjectionHarness.Build(field, d).Argv : null;
        var values = HostileStrings.Generate();
        var failures = new List<string>();
        int escaped = 0, refused = 0, blank = 0, droppedCount = 0;
        foreach (var value in values)
        {
            if (field.TrimmedText && value.Trim().Length == 0)
            {
                blank++;
                continue;
            }

            var outcome = InjectionHarness.Build(field, value);
            if (outcome.Argv is { } argv)
            {
                if (dropped is not null && argv.SequenceEqual(dropped))
                {
                    droppedCount++;
                }
                else if (InjectionHarness.Compare(field, benign.Argv, argv, value) is { } problem)
                {
                    failures.Add($"{Show(value)}: {problem}");
                }
                else
                {
                    escaped++;
                }
            }
            else if (outcome.Refused)
            {
                refused++;
                var message = outcome.Error!.Message;
                if (message.Length == 0 || message.Contains("   at ", StringComparison.Ordinal))
                {
                    failures.Add($"{Show(value)}: unclear refusal '{message}'");
                }

                if (field.MustEscapeCommas && !HostileStrings.HasControl(value) && value.Contains(',', StringComparison.Ordinal) && IsPlainPathText(value))
                {
                    failures.Add($"{Show(value)}: refused, but a comma must be escaped here: {message}");
                }
            }
            else
            {
                failures.Add($"{Show(value)}: {outcome.Error!.GetType().Name}: {outcome.Error.Message}");
            }
        }

        InjectionFigures.Record(field.Name, values.Count - blank, escaped, refused + droppedCount);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{field.Name}: {values.Count} tried, {escaped} read back exactly, {refused} refused, {droppedCount} dropped by the parser, {blank} blank (absent after trimming)"));
        Assert.True(failures.Count == 0, $"{failures.Count} of {values.Count} values broke out of {field.Name}:\n" + string.Join("\n", failures.Take(15)));
    }

    [Fact]
    public void Catalogue_HasThousandsOfInputs()
    {
        var total = InjectionCatalogue.All.Count * HostileStrings.Generate().Count;
        Assert.True(total >= 10_000 || HostileStrings.Count < HostileStrings.DefaultCount, $"only {total} inputs");
    }

    [Fact]
    public void Generator_IsDeterministic_AndXmlLegal()
    {
        var a = HostileStrings.Generate(42, 300);
        var b = HostileStrings.Generate(42, 300);
        Assert.Equal(a, b);
        Assert.Equal(300, a.Count);
        Assert.All(a, s => Assert.DoesNotContain(s, c => c < 0x20 && c is not ('\t' or '\n' or '\r')));
        Assert.Contains(a, s => s.Contains(',', StringComparison.Ordinal));
        Assert.Contains(a, s => s.Contains('\n', StringComparison.Ordinal));
        Assert.Contains(a, s => s.StartsWith('-'));
    }

    private static InjectionField Field(string name) => InjectionCatalogue.All.Single(f => f.Name == name);

    // Text any file name or label may hold: letters, digits and ",=._" only, so a refusal can
    // only be about the comma or '='.
    private static bool IsPlainPathText(string value) => value.All(c => char.IsAsciiLetterOrDigit(c) || c is ',' or '=' or '.' or '_');

    private static string Show(string value) => "\"" + value.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
