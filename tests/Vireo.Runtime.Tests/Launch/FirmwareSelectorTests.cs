using Vireo.Domain;
using Vireo.Domain.Os;
using Vireo.Qemu.Firmware;
using Vireo.Runtime.Launch;

namespace Vireo.Runtime.Tests.Launch;

public class FirmwareSelectorTests
{
    // Debian 12's descriptors, reduced to what selection reads.
    private static readonly FirmwareDescriptor[] Debian =
    [
        Descriptor("40-edk2-aarch64-secure-enrolled.json", "aarch64", "virt-*", "/AAVMF_CODE.ms.fd", "/AAVMF_VARS.ms.fd", "enrolled-keys", "secure-boot"),
        Descriptor("40-edk2-x86_64-secure-enrolled.json", "x86_64", "pc-q35-*", "/OVMF_CODE_4M.ms.fd", "/OVMF_VARS_4M.ms.fd", "enrolled-keys", "requires-smm", "secure-boot"),
        Descriptor("50-edk2-x86_64-secure.json", "x86_64", "pc-q35-*", "/OVMF_CODE_4M.secboot.fd", "/OVMF_VARS_4M.fd", "requires-smm", "secure-boot"),
        Descriptor("60-edk2-aarch64.json", "aarch64", "virt-*", "/AAVMF_CODE.fd", "/AAVMF_VARS.fd"),
        Descriptor("60-edk2-x86_64.json", "x86_64", "pc-i440fx-*\", \"pc-q35-*", "/OVMF_CODE_4M.fd", "/OVMF_VARS_4M.fd"),
    ];

    [Fact]
    public void Efi_takes_the_first_fitting_descriptor_by_file_name()
    {
        var choice = Select(Def("aarch64", "virt-7.2", "efi"));
        Assert.Equal("40-edk2-aarch64-secure-enrolled.json", choice.Descriptor!.FileName);
        Assert.Equal(new LoaderConfig { Type = "pflash", Path = "/AAVMF_CODE.ms.fd", ReadOnly = "yes" }, choice.Definition.Os.Loader);
        Assert.Equal("/state/nvram/g_VARS.fd", choice.NvramPath);
        Assert.Equal("/AAVMF_VARS.ms.fd", choice.NvramTemplate);
        Assert.Equal("/AAVMF_VARS.ms.fd", choice.Definition.Os.Nvram!.Template);
    }

    [Fact]
    public void Secure_boot_off_skips_the_secure_descriptors()
    {
        var features = System.Xml.Linq.XElement.Parse("<firmware><feature enabled='no' name='secure-boot'/></firmware>");
        var def = Def("x86_64", "pc-q35-7.2", "efi");
        def = def with { Os = def.Os with { FirmwareFeatures = features } };
        Assert.Equal("60-edk2-x86_64.json", Select(def).Descriptor!.FileName);
    }

    [Fact]
    public void Machine_globs_decide_pc_versus_q35()
    {
        Assert.Equal("60-edk2-x86_64.json", Select(Def("x86_64", "pc-i440fx-7.2", "efi")).Descriptor!.FileName);
        Assert.Equal("40-edk2-x86_64-secure-enrolled.json", Select(Def("x86_64", "pc-q35-7.2", "efi")).Descriptor!.FileName);
    }

    [Fact]
    public void An_explicit_nvram_path_is_kept()
    {
        var def = Def("aarch64", "virt-7.2", "efi");
        def = def with { Os = def.Os with { Nvram = new NvramConfig { Path = "/mine/VARS.fd" } } };
        var choice = Select(def);
        Assert.Equal("/mine/VARS.fd", choice.NvramPath);
        Assert.Equal("/AAVMF_VARS.ms.fd", choice.NvramTemplate);
    }

    [Fact]
    public void An_explicit_loader_gets_its_template_from_the_descriptor_naming_it()
    {
        var def = Def("aarch64", "virt-7.2", null);
        def = def with { Os = def.Os with { Loader = new LoaderConfig { Type = "pflash", ReadOnly = "yes", Path = "/AAVMF_CODE.fd" } } };
        var choice = Select(def);
        Assert.Equal("60-edk2-aarch64.json", choice.Descriptor!.FileName);
        Assert.Equal("/state/nvram/g_VARS.fd", choice.NvramPath);
        Assert.Equal("/AAVMF_VARS.fd", choice.NvramTemplate);
    }

    [Fact]
    public void No_firmware_asked_for_changes_nothing()
    {
        var def = Def("x86_64", "pc-i440fx-7.2", null);
        var choice = Select(def);
        Assert.Same(def, choice.Definition);
        Assert.Null(choice.NvramPath);
    }

    [Fact]
    public void Nothing_fitting_says_where_it_looked_and_what_to_install()
    {
        var ex = Assert.Throws<RuntimeException>(() => FirmwareSelector.Apply(Def("aarch64", "virt-7.2", "efi"), [], "/state/nvram", ["/usr/share/qemu/firmware"]));
        Assert.Contains("no firmware for <os firmware='efi'> on aarch64 'virt-7.2'", ex.Message);
        Assert.Contains("/usr/share/qemu/firmware", ex.Message);
        Assert.Contains("qemu-efi-aarch64", ex.Message);
    }

    private static FirmwareChoice Select(DomainDefinition def) =>
        FirmwareSelector.Apply(def, Debian, "/state/nvram", ["/usr/share/qemu/firmware"]);

    private static DomainDefinition Def(string arch, string machine, string? firmware) => new()
    {
        Name = "g",
        Os = new OsConfig { Arch = arch, Machine = machine, Firmware = firmware },
    };

    private static FirmwareDescriptor Descriptor(string file, string arch, string machines, string code, string vars, params string[] features) =>
        FirmwareDescriptorReader.Parse($$"""
            {
              "interface-types": ["uefi"],
              "mapping": { "device": "flash", "executable": { "filename": "{{code}}" }, "nvram-template": { "filename": "{{vars}}" } },
              "targets": [ { "architecture": "{{arch}}", "machines": ["{{machines}}"] } ],
              "features": [{{string.Join(", ", features.Select(f => "\"" + f + "\""))}}]
            }
            """, file);
}
