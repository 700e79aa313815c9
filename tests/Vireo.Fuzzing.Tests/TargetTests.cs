using System.Text;
using Vireo.Domain.Errors;

namespace Vireo.Fuzzing.Tests;

public class TargetTests
{
    [Theory]
    [InlineData("x86_64-pc-minimal.xml")]
    [InlineData("aarch64-virt-virtio.xml")]
    [InlineData("x86_64-q35-spice-qxl.xml")]
    public void An_example_goes_through_the_whole_pipeline(string example)
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestSeeds.Examples, example));
        var outcome = TestSeeds.Target.Run(bytes, 0);
        Assert.Equal(new FuzzOutcome(OutcomeKind.Ok, FuzzPhases.Render), outcome);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<domain")]
    [InlineData("<notadomain/>")]
    [InlineData("<domain type='qemu'><name>x</name></domain>\u0001")]
    public void Garbage_is_refused_while_parsing(string text)
    {
        var outcome = TestSeeds.Target.Run(Encoding.UTF8.GetBytes(text), 0);
        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
        Assert.Equal(FuzzPhases.Parse, outcome.Phase);
    }

    [Fact]
    public void Invalid_utf8_is_refused_while_parsing()
    {
        var outcome = TestSeeds.Target.Run([0x3C, 0xFF, 0xFE, 0x3E], 0);
        Assert.Equal(new FuzzOutcome(OutcomeKind.Refused, FuzzPhases.Parse), outcome);
    }

    [Fact]
    public void An_arch_without_capabilities_is_refused_as_the_cli_refuses_it()
    {
        var xml = "<domain type='qemu'><name>x</name><memory>1024</memory><os><type arch='xtensa'>hvm</type></os></domain>";
        var outcome = TestSeeds.Target.Run(Encoding.UTF8.GetBytes(xml), 0);
        Assert.Equal(OutcomeKind.Refused, outcome.Kind);
    }

    [Fact]
    public void Vireo_errors_are_refusals_and_other_exceptions_are_bugs()
    {
        Assert.Equal(OutcomeKind.Refused, FuzzTarget.Classify(new DomainXmlException("bad"), FuzzPhases.Parse).Kind);
        Assert.Equal(OutcomeKind.Refused, FuzzTarget.Classify(DomainConfigException.Unsupported("no"), FuzzPhases.Build).Kind);

        var bug = FuzzTarget.Classify(Thrown(), FuzzPhases.PostParse);
        Assert.Equal(OutcomeKind.Bug, bug.Kind);
        Assert.StartsWith("postparse: System.InvalidOperationException at ", bug.Signature, StringComparison.Ordinal);
        Assert.Equal("System.InvalidOperationException: broken", bug.Error);
    }

    [Fact]
    public void Every_capability_source_is_offered_to_its_arch_family()
    {
        var caps = TestSeeds.Target.Capabilities;
        Assert.Contains("embedded x86_64", caps.Names);
        Assert.Contains("embedded aarch64", caps.Names);
        var hosts = Enumerable.Range(0, caps.MaxVariants).Select(v => caps.HostFor("x86_64", v)).Distinct().Count();
        Assert.Equal(caps.Names.Count(n => n.EndsWith("x86_64", StringComparison.Ordinal) || n.EndsWith("x86_64.xml", StringComparison.Ordinal)), hosts);
        Assert.NotNull(caps.HostFor("i686", 0));
        Assert.Null(caps.HostFor("xtensa", 0));
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("broken");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
