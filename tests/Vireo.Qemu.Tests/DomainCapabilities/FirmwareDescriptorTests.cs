using Vireo.Qemu.Firmware;

namespace Vireo.Qemu.Tests.DomainCapabilities;

public class FirmwareDescriptorTests
{
    [Theory]
    [InlineData("pc-q35-*", "pc-q35-8.0", true)]
    [InlineData("pc-q35-*", "pc-i440fx-8.0", false)]
    [InlineData("virt-*", "virt", false)]
    [InlineData("virt*", "virt", true)]
    [InlineData("pc-?35-8.0", "pc-q35-8.0", true)]
    [InlineData("*", "", true)]
    [InlineData("a*b*c", "aXbYc", true)]
    [InlineData("a*b*c", "aXbY", false)]
    public void GlobMatch(string pattern, string text, bool expected) =>
        Assert.Equal(expected, FirmwareDescriptor.GlobMatch(pattern, text));

    [Fact]
    public void Parse_FlashDescriptor()
    {
        const string json = """
            {
              "interface-types": ["uefi"],
              "mapping": {
                "device": "flash",
                "executable": {"filename": "/fw/CODE.fd", "format": "raw"},
                "nvram-template": {"filename": "/fw/VARS.fd", "format": "raw"}
              },
              "targets": [{"architecture": "i386", "machines": ["pc-q35-*"]}],
              "features": ["requires-smm", "secure-boot"]
            }
            """;

        var fw = FirmwareDescriptorReader.Parse(json, "50-x.json");

        Assert.Equal(["uefi"], fw.InterfaceTypes);
        Assert.Equal("/fw/CODE.fd", fw.Executable);
        Assert.Equal("/fw/VARS.fd", fw.NvramTemplate);
        Assert.True(fw.Matches("pc-q35-7.2", "i686"));
        Assert.False(fw.Matches("pc-q35-7.2", "x86_64"));
        Assert.False(fw.Matches(null, "i686"));
    }

    [Fact]
    public void Parse_Garbage_Throws() =>
        Assert.Throws<FirmwareDescriptorException>(() => FirmwareDescriptorReader.Parse("{not json", "x.json"));

    [Fact]
    public void ReadDirectories_LaterDirectoryOverridesAndEmptyFileMasks()
    {
        var root = Path.Combine(Path.GetTempPath(), "vireo-fw-" + Guid.NewGuid().ToString("N"));
        var low = Directory.CreateDirectory(Path.Combine(root, "low")).FullName;
        var high = Directory.CreateDirectory(Path.Combine(root, "high")).FullName;
        try
        {
            File.WriteAllText(Path.Combine(low, "10-a.json"), """{"description": "low a"}""");
            File.WriteAllText(Path.Combine(low, "20-b.json"), """{"description": "low b"}""");
            File.WriteAllText(Path.Combine(high, "10-a.json"), """{"description": "high a"}""");
            File.WriteAllText(Path.Combine(high, "20-b.json"), "");
            File.WriteAllText(Path.Combine(high, "05-c.json"), """{"description": "high c"}""");

            var list = FirmwareDescriptorReader.ReadDirectories([low, high, Path.Combine(root, "missing")]);

            Assert.Equal(["high c", "high a"], list.Select(f => f.Description));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
