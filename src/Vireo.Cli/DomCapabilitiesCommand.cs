using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Text.Json;
using Vireo.Capabilities;
using Vireo.Probing;
using Vireo.Qemu.DomainCapabilities;
using Vireo.Qemu.Firmware;

namespace Vireo.Cli;

/// <summary>
/// The <c>domcapabilities</c> command: libvirt's <c>virsh domcapabilities</c> for one QEMU
/// binary, described by a capabilities file, probed live (cached), or the snapshot embedded
/// for the arch. Gathers the host facts
/// (firmware descriptors, swtpm, VFIO, SEV ASIDs) and prints the library's answer.
/// </summary>
internal static class DomCapabilitiesCommand
{
    private const string CmdName = "domcapabilities";

    public static int Run(IEnumerable<string> args, TextWriter stdout, CliServices services)
    {
        var a = ParsedArgs.Parse(args, CmdName, ["caps", "emulator", "probe-timeout", "arch", "machine", "virttype"], ["usable"]);
        a.ExpectPositional(CmdName, 0, "no positional arguments");
        CapabilitySelection.Validate(CmdName, a);
        var virtType = a.Option("virttype");
        if (virtType is not (null or "kvm" or "qemu" or "hvf"))
        {
            throw new UsageException($"{CmdName}: --virttype must be 'kvm' or 'qemu', not '{virtType}'");
        }

        QemuCapabilities caps;
        QemuCapsExtras extras = QemuCapsExtras.None;
        HostInfo host;
        if (a.Option("emulator") is { } emulator)
        {
            caps = CapabilitySelection.Probe(CmdName, emulator, a.Option("probe-timeout"), services);
            host = new HostInfo { Arch = HostArch() };
        }
        else
        {
            // A capabilities file (or the embedded snapshot for --arch) describes the host it was
            // recorded on: same arch. Where libvirt would probe the host CPU (no <hostCPU> data),
            // the corpus' host CPU stands in.
            caps = CapabilitySelection.Select(CmdName, a, a.Option("arch"), services);
            if (a.Option("caps") is { } capsPath)
            {
                extras = QemuCapsExtrasReader.Load(capsPath);
            }

            host = new HostInfo { Arch = caps.Arch, Cpu = HostCpuCatalog.DomainCapsDefaultFor(caps.Arch) };
        }

        var opts = new DomainCapsOptions
        {
            Arch = a.Option("arch"),
            Extras = extras,
            FirmwareDescriptors = FirmwareDescriptorReader.ReadDirectories(
                FirmwareDescriptorReader.StandardDirectories("/", UserConfigDir())),
            FileExists = File.Exists,
            SwtpmVersions = SwtpmVersions(),
            HostSupportsVfio = HostSupportsVfio(),
            SevAsids = SevAsids(),
            UsableVideoOnly = a.Flag("usable"),
        };

        var model = DomainCapabilitiesBuilder.Build(caps, host, a.Option("machine"), virtType ?? DomainCapabilitiesBuilder.DefaultVirtType(caps), opts);
        stdout.Write(DomainCapabilitiesFormatter.Format(model));
        return ExitCodes.Ok;
    }

    private static string HostArch() => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "x86_64",
        Architecture.X86 => "i686",
        Architecture.Arm64 => "aarch64",
        Architecture.Arm => "armv7l",
        Architecture.S390x => "s390x",
        Architecture.Ppc64le => "ppc64le",
        Architecture.RiscV64 => "riscv64",
        Architecture.LoongArch64 => "loongarch64",
        _ => "unknown",
    };

    private static string? UserConfigDir()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (!string.IsNullOrEmpty(xdg))
        {
            return xdg;
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".config");
    }

    /// <summary>libvirt's qemuHostdevHostSupportsPassthroughVFIO: IOMMU groups exist and /dev/vfio/vfio is there.</summary>
    private static bool HostSupportsVfio() =>
        File.Exists("/dev/vfio/vfio") &&
        Directory.Exists("/sys/kernel/iommu_groups") &&
        Directory.EnumerateFileSystemEntries("/sys/kernel/iommu_groups").Any();

    /// <summary>CPUID 0x8000001F ECX/EDX (highest SEV ASID, lowest SEV-only ASID) on x86 hosts.</summary>
    private static (uint, uint)? SevAsids()
    {
        const int sevLeaf = unchecked((int)0x8000001F);
        if (!X86Base.IsSupported || (uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax < 0x8000001F)
        {
            return null;
        }

        var (_, _, ecx, edx) = X86Base.CpuId(sevLeaf, 0);
        return ((uint)ecx, (uint)edx);
    }

    /// <summary>
    /// The TPM versions swtpm supports, from <c>swtpm_setup --print-capabilities</c>
    /// (features <c>tpm-1.2</c>, <c>tpm-2.0</c>), as libvirt asks; null when swtpm is absent.
    /// </summary>
    private static ImmutableArray<string>? SwtpmVersions()
    {
        if (FindOnPath("swtpm") is null || FindOnPath("swtpm_setup") is not { } setup)
        {
            return null;
        }

        try
        {
            var start = new ProcessStartInfo(setup, "--print-capabilities")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var p = Process.Start(start);
            if (p is null)
            {
                return [];
            }

            var output = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(5000))
            {
                p.Kill(entireProcessTree: true);
                return [];
            }

            using var doc = JsonDocument.Parse(output.GetAwaiter().GetResult());
            if (!doc.RootElement.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var names = features.EnumerateArray().Select(f => f.GetString()).ToHashSet(StringComparer.Ordinal);
            var versions = ImmutableArray.CreateBuilder<string>();
            if (names.Contains("tpm-1.2"))
            {
                versions.Add("1.2");
            }

            if (names.Contains("tpm-2.0"))
            {
                versions.Add("2.0");
            }

            return versions.ToImmutable();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or JsonException or InvalidOperationException or IOException)
        {
            return [];
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
