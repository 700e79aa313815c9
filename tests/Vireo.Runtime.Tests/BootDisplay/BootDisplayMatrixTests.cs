using System.Diagnostics;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.BootDisplay;

/// <summary>
/// The boot-display matrix (docs/boot-display-matrix.md), measured with the installed
/// QEMU and firmware: for aarch64 virt + AAVMF, x86_64 q35 + OVMF and pc + SeaBIOS, each
/// display model, whether the firmware draws a picture. Compared with <c>matrix.tsv</c>.
/// Guests run three at a time, each capped at 30 s. Set VIREO_MATRIX_OUT=FILE to write
/// the measured table (TSV) there, VIREO_MATRIX_PNGS=DIR to keep each case's last screen.
/// </summary>
[Collection(QemuCollection.Name)]
public class BootDisplayMatrixTests(ITestOutputHelper output)
{
    private const int Parallel = 3;

    [Fact]
    public async Task Firmware_pictures_match_the_checked_in_matrix()
    {
        var expected = MatrixRow.Load();
        QemuHosts.RequireFile(QemuHosts.Aarch64);
        QemuHosts.RequireFile(QemuHosts.X86);
        QemuHosts.RequireFile(QemuHosts.Aavmf);
        QemuHosts.RequireFile(QemuHosts.Ovmf);
        QemuHosts.RequireFile("/usr/share/seabios/bios-256k.bin");
        var hosts = new Dictionary<string, Capabilities.HostInfo>(StringComparer.Ordinal)
        {
            ["aarch64"] = await QemuHosts.ForAsync("aarch64"),
            ["x86_64"] = await QemuHosts.ForAsync("x86_64"),
        };

        using var temp = new TempState();
        using var gate = new SemaphoreSlim(Parallel);
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(expected.Select(async row =>
        {
            await gate.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return await MatrixRunner.RunAsync(temp, row, hosts[row.Arch], TestContext.Current.CancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        output.WriteLine($"matrix: {results.Length} cases in {clock.Elapsed.TotalSeconds:0.0} s, {Parallel} at a time, cap {MatrixRunner.Cap.TotalSeconds:0} s");
        output.WriteLine("| case | device | outcome | start (s) | first picture (s) | last frame | colours | frames | note |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            output.WriteLine(r.Report());
        }

        if (Environment.GetEnvironmentVariable("VIREO_MATRIX_OUT") is { Length: > 0 } outPath)
        {
            File.WriteAllLines(outPath, [MatrixRow.Header, .. results.Select(r => r.Row.ToTsv())]);
        }

        temp.AssertNothingLeft();
        var differences = expected.Zip(results, (e, r) => (e, r.Row))
            .Where(p => p.e != p.Row)
            .Select(p => $"{p.e.Case}: expected {p.e.Device}/{p.e.Outcome}, measured {p.Row.Device}/{p.Row.Outcome}")
            .ToList();
        Assert.True(differences.Count == 0, "boot-display matrix differs from matrix.tsv:\n" + string.Join("\n", differences));
    }
}
