using Vireo.Domain;
using Vireo.Domain.Xml;

namespace Vireo.Qemu.Tests.Machine;

/// <summary>How the parser rewrites features, NUMA, tuning and CPU sets the way libvirt stores them.</summary>
public class CanonicalXmlTests
{
    private static DomainDefinition Parse(string inner, string vcpu = "<vcpu>2</vcpu>") => DomainXmlParser.Parse(
        $"<domain type='kvm'><name>g</name><uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid><memory>1048576</memory>{vcpu}<os><type arch='x86_64' machine='pc'>hvm</type></os>{inner}<devices/></domain>");

    [Theory]
    [InlineData("0-3,^2,5", "0-1,3,5")]
    [InlineData("7,6,5", "5-7")]
    [InlineData("1", "1")]
    public void NodeSets_AreWrittenAsAscendingRanges(string text, string canonical) =>
        Assert.Equal(canonical, NodeSet.Canonical(text));

    [Fact]
    public void Features_AreOrderedAndCarryTheirState()
    {
        var def = Parse("<features><pmu/><acpi/><hyperv><vapic state='on'/><relaxed state='on'/></hyperv></features>");
        Assert.Equal(["acpi", "hyperv", "pmu"], def.Features.Select(f => f.Name.LocalName));
        Assert.Equal("on", (string?)def.Feature("pmu")!.Attribute("state"));
        Assert.Equal("custom", (string?)def.Feature("hyperv")!.Attribute("mode"));
        Assert.Equal(["relaxed", "vapic"], def.Feature("hyperv")!.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void NumaDistances_AreMadeSymmetric()
    {
        var def = Parse("<cpu><numa><cell cpus='0' memory='512' unit='MiB'><distances><sibling id='1' value='21'/></distances></cell><cell cpus='1' memory='524288'/></numa></cpu>");
        var numa = Vireo.Domain.Numa.GuestNuma.Read(def.Cpu!.Numa);
        Assert.Equal([10, 21], numa.Cells[0].Distances);
        Assert.Equal([21, 10], numa.Cells[1].Distances);
        Assert.Equal(524288UL, numa.Cells[0].MemoryKiB);
    }

    [Fact]
    public void AutomaticMemoryPlacement_CarriesOverToUnpinnedVcpus()
    {
        var def = Parse("<numatune><memory mode='interleave' placement='auto'/></numatune>", "<vcpu placement='static'>2</vcpu>");
        Assert.Equal("auto", def.Vcpu.Placement);
    }

    [Fact]
    public void VcpuScheduling_IsSplitPerVcpu()
    {
        var def = Parse("<cputune><vcpusched vcpus='0-1' scheduler='fifo' priority='1'/><shares>10</shares></cputune>");
        var cputune = def.Extra("cputune")!;
        Assert.Equal(["shares", "vcpusched", "vcpusched"], cputune.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["0", "1"], cputune.Elements("vcpusched").Select(e => (string)e.Attribute("vcpus")!));
    }
}
