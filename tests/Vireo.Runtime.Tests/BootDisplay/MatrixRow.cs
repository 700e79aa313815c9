namespace Vireo.Runtime.Tests.BootDisplay;

/// <summary>One row of <c>matrix.tsv</c>: a platform, firmware and video model, and what the screen showed.</summary>
/// <param name="Case">Row name, e.g. <c>aarch64-virt-aavmf-virtio</c>.</param>
/// <param name="Arch">Guest arch.</param>
/// <param name="Machine">Machine type alias.</param>
/// <param name="Firmware"><c>aavmf</c>, <c>ovmf</c> or <c>seabios</c>.</param>
/// <param name="Model">libvirt video model (<c>&lt;model type&gt;</c>).</param>
/// <param name="Device">The QEMU device Vireo made of it (<c>-</c> when none).</param>
/// <param name="Outcome">
/// <c>picture</c> (the firmware drew), <c>placeholder</c> (QEMU's "Guest has not initialized
/// the display"), <c>blank</c>, <c>no-display</c> (no console at all), <c>absent</c> (this QEMU
/// lacks the device), <c>refused</c> (Vireo refused the domain), <c>failed</c> (QEMU did not start).
/// </param>
internal sealed record MatrixRow(string Case, string Arch, string Machine, string Firmware, string Model, string Device, string Outcome)
{
    public const string Header = "case\tarch\tmachine\tfirmware\tmodel\tdevice\toutcome";

    /// <summary>Reads <c>matrix.tsv</c> from the test output (BootDisplay/matrix.tsv; the advisor tests link this file and the table).</summary>
    public static IReadOnlyList<MatrixRow> Load() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "BootDisplay", "matrix.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && l != Header)
            .Select(l => l.Split('\t'))
            .Select(f => f.Length == 7 ? new MatrixRow(f[0], f[1], f[2], f[3], f[4], f[5], f[6]) : throw new FormatException($"matrix.tsv: bad row '{string.Join('\t', f)}'"))];

    public string ToTsv() => string.Join('\t', Case, Arch, Machine, Firmware, Model, Device, Outcome);

    /// <summary>
    /// The domain the matrix boots for this row: no disk, one video model, a pty serial port;
    /// UEFI as firmware='efi' without secure boot; cortex-a57 on aarch64, ACPI on x86; domain
    /// type 'qemu' (TCG). The advisor tests predict from the same XML.
    /// </summary>
    public string Xml()
    {
        var os = Firmware == "seabios"
            ? "<os>"
            : "<os firmware='efi'><firmware><feature enabled='no' name='secure-boot'/></firmware>";
        var video = $"<video><model type='{Model}'/></video>";
        // x86 UEFI needs ACPI (libvirt refuses it without); the guests get it as a real x86 guest would.
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
