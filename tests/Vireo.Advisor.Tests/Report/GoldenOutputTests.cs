using System.Runtime.CompilerServices;
using System.Text.Json;
using Vireo.Advisor.Report;

namespace Vireo.Advisor.Tests.Report;

/// <summary>
/// The text table and the JSON document for a few scenarios, against golden files in
/// Golden/. VIREO_UPDATE_GOLDEN=1 rewrites them (review the diff).
/// </summary>
public class GoldenOutputTests
{
    [Theory]
    [InlineData("aarch64-kvm-virtio", "windows")]
    [InlineData("aarch64-kvm-vga", null)]
    [InlineData("x86-mdev-ramfb", null)]
    [InlineData("x86-novideo", null)]
    public void Text_and_json_match_the_golden_files(string domain, string? guest)
    {
        var report = Advise.File(domain, guest: guest);
        var name = guest is null ? domain : domain + "-" + guest;

        Check(name + ".txt", DisplayReportText.Render(report));
        Check(name + ".json", DisplayReportJson.Render(report));
    }

    [Fact]
    public void Json_has_the_documented_shape()
    {
        var json = DisplayReportJson.Render(Advise.File("aarch64-kvm-virtio", guest: "windows"));
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(1, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(
            ["schemaVersion", "domain", "arch", "machine", "firmware", "accel", "guestOs", "emulator", "devices", "stages", "firmwareScreen", "fixes", "verdict", "exitCode", "verify"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(
            ["stage", "device", "verdict", "reason", "fix", "fact", "source"],
            root.GetProperty("stages")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["source", "model", "qemuDevice", "role", "ramfb"], root.GetProperty("devices")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("degraded", root.GetProperty("verdict").GetString());
        Assert.Equal(1, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("verify").ValueKind);
    }

    [Fact]
    public void Verify_mismatch_sets_exit_code_4_in_json_and_text()
    {
        var report = Advise.File("aarch64-kvm-virtio");
        var verify = new VerifyResult("picture", "placeholder", null, TimeSpan.FromSeconds(3), "UEFI shell reached");

        using var doc = JsonDocument.Parse(DisplayReportJson.Render(report, verify));
        Assert.Equal(4, doc.RootElement.GetProperty("exitCode").GetInt32());
        Assert.False(doc.RootElement.GetProperty("verify").GetProperty("matches").GetBoolean());
        Assert.Contains("DOES NOT MATCH", DisplayReportText.Render(report, verify), StringComparison.Ordinal);
    }

    private static void Check(string file, string actual, [CallerFilePath] string here = "")
    {
        var golden = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(here))!, "Golden", file);
        if (Environment.GetEnvironmentVariable("VIREO_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(golden, actual);
        }

        Assert.True(File.Exists(golden), $"missing golden file {golden} (run with VIREO_UPDATE_GOLDEN=1)");
        Assert.Equal(File.ReadAllText(golden), actual);
    }
}
