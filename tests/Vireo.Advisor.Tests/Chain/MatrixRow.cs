namespace Vireo.Advisor.Tests.Chain;

/// <summary>One row of the runtime's measured boot-display matrix (tests/Vireo.Runtime.Tests/BootDisplay/matrix.tsv).</summary>
internal sealed record MatrixRow(string Case, string Arch, string Machine, string Firmware, string Model, string Device, string Outcome)
{
    public static IReadOnlyList<MatrixRow> Load() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "BootDisplay", "matrix.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("case\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .Select(f => new MatrixRow(f[0], f[1], f[2], f[3], f[4], f[5], f[6]))];

    /// <summary>
    /// The domain the matrix boots for this row (tests/Vireo.Runtime.Tests/BootDisplay/MatrixRunner.cs):
    /// no disk, one video model, a pty serial port; UEFI as firmware='efi' without secure boot;
    /// cortex-a57 on aarch64, ACPI on x86; domain type 'qemu' (TCG).
    /// </summary>
    public string Xml()
    {
        var os = Firmware == "seabios"
            ? "<os>"
            : "<os firmware='efi'><firmware><feature enabled='no' name='secure-boot'/></firmware>";
        var video = Model == "none" ? "<video><model type='none'/></video>" : $"<video><model type='{Model}'/></video>";
        var cpu = Arch == "aarch64" ? "<cpu mode='custom' match='exact'><model>cortex-a57</model></cpu>" : "<features><acpi/></features>";
        return $"""
            <domain type='qemu'>
              <name>{Case}</name>
              <memory unit='MiB'>512</memory>
              <vcpu>1</vcpu>
              {os}
                <type arch='{Arch}' machine='{Machine}'>hvm</type>
              </os>
              {cpu}
              <devices>
                <serial type='pty'/>
                {video}
              </devices>
            </domain>
            """;
    }
}
