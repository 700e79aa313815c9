namespace Vireo.Capabilities.Tests;

public class CapabilitiesExtensionsTests
{
    [Fact]
    public void StripMachineAliases_Latest_x86_64()
    {
        var caps = LibvirtCapsXml.Load(Path.Combine(Corpus.CapsDirOrSkip(), "caps_8.0.0.x86_64.xml"));
        var aliased = caps.Machines.Count(m => m.Alias is not null);

        var stripped = caps.StripMachineAliases();

        Assert.True(aliased > 0);
        Assert.Equal(caps.Machines.Length + aliased, stripped.Machines.Length);
        Assert.DoesNotContain(stripped.Machines, m => m.Alias is not null);
        foreach (var accel in new[] { Accelerator.Kvm, Accelerator.Tcg })
        {
            var pc = stripped.FindMachine("pc", accel);
            Assert.NotNull(pc);
            Assert.Equal("pc", pc.Name);
            Assert.NotNull(stripped.FindMachine("q35", accel));
            var original = caps.FindMachine("pc", accel)!;
            Assert.Equal(original with { Name = "pc", Alias = null }, pc);
        }

        // Grouped by accelerator: every kvm entry precedes every tcg entry.
        var lastKvm = stripped.Machines.ToList().FindLastIndex(m => m.Accelerator == Accelerator.Kvm);
        var firstTcg = stripped.Machines.ToList().FindIndex(m => m.Accelerator == Accelerator.Tcg);
        Assert.True(lastKvm < firstTcg);
    }

    [Fact]
    public void StripMachineAliases_CopiesGoAfterTheirAccelerator()
    {
        var caps = new QemuCapabilities
        {
            Machines =
            [
                new MachineType { Name = "t-1", Accelerator = Accelerator.Tcg, Alias = "t" },
                new MachineType { Name = "k-1", Accelerator = Accelerator.Kvm, Alias = "k", IsDefault = true, MaxCpus = 4 },
                new MachineType { Name = "k-0", Accelerator = Accelerator.Kvm },
            ],
        };

        var names = caps.StripMachineAliases().Machines.Select(m => $"{m.Accelerator}:{m.Name}:{m.Alias}:{m.IsDefault}:{m.MaxCpus}");

        Assert.Equal(["Kvm:k-1::True:4", "Kvm:k-0::False:0", "Kvm:k::True:4", "Tcg:t-1::False:0", "Tcg:t::False:0"], names);
    }
}
