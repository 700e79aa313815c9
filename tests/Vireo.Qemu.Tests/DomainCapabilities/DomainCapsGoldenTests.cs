using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Qemu.DomainCapabilities;
using Vireo.Qemu.Firmware;

namespace Vireo.Qemu.Tests.DomainCapabilities;

/// <summary>
/// Every QEMU row of the corpus' domaincaps.tsv, built and formatted with the set-up of
/// libvirt's domaincapstest (SPEC §3), must equal the expected file byte for byte.
/// </summary>
public class DomainCapsGoldenTests
{
    private const string Missing = "(corpus missing)";

    // SPEC §3: the loader values the test forces, and the mocked SEV ASID range.
    private static readonly ImmutableArray<string> ForcedLoaders =
        ["/usr/share/AAVMF/AAVMF_CODE.fd", "/usr/share/AAVMF/AAVMF32_CODE.fd", "/usr/share/OVMF/OVMF_CODE.fd"];

    private static readonly Lazy<ImmutableArray<FirmwareDescriptor>> Firmware = new(() =>
        FirmwareDescriptorReader.ReadDirectories(FirmwareDescriptorReader.StandardDirectories(
            Path.Combine(DomainCapsCorpus.RootOrSkip(), "tests", "qemufirmwaredata"), userConfigDir: null)));

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var row in DomainCapsCorpus.Rows().Where(r => r["kind"] == "qemu"))
        {
            data.Add(row["name"]);
        }

        if (data.Count == 0)
        {
            data.Add(Missing);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void MatchesLibvirt(string name)
    {
        var root = DomainCapsCorpus.RootOrSkip();
        Assert.NotEqual(Missing, name);
        var row = DomainCapsCorpus.Rows().Single(r => r["name"] == name);
        var capsPath = Path.Combine(root, "tests", "qemucapabilitiesdata", row["caps"]);
        var caps = LibvirtCapsXml.Load(capsPath) with { Emulator = row["emulator"] };
        var arch = row["arch"];
        var lookup = caps.Has("kvm") ? Accelerator.Kvm : Accelerator.Tcg;
        var machine = row["machine"].Length == 0
            ? caps.MachinesFor(lookup).First().Name
            : caps.FindMachine(row["machine"], lookup)!.Name;
        var opts = new DomainCapsOptions
        {
            Extras = QemuCapsExtrasReader.Load(capsPath),
            FirmwareDescriptors = Firmware.Value,
            ForcedLoaderValues = ForcedLoaders,
            ForcePciBackend = true,
            SwtpmVersions = [.. row["swtpm_tpm_versions"].Split(',')],
            SevAsids = (509, 451),
            KvmSupportsSecureGuest = caps.Has("confidential-guest-support") && caps.Has("s390-pv-guest") ? true : null,
        };
        var host = new HostInfo { Arch = arch, Cpu = HostCpuCatalog.DomainCapsDefaultFor(arch) };

        var actual = DomainCapabilitiesFormatter.Format(DomainCapabilitiesBuilder.Build(caps, host, machine, row["virttype"], opts));

        Assert.Equal(File.ReadAllText(Path.Combine(root, "tests", row["expected"])), actual);
    }
}
