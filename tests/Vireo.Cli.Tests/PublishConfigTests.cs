using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Vireo.Cli.Tests;

/// <summary>
/// What <c>dotnet publish src/Vireo.Cli -c Release -o OUT</c> builds: a Native AOT <c>vireo</c> for
/// net9.0 (the dotnet CLI sets <c>_IsPublishing=true</c>), while build and test stay on net10.0.
/// Checked by evaluating the projects with MSBuild (no compile, no AOT publish), so it is cheap.
/// </summary>
public class PublishConfigTests
{
    [Fact]
    public void VersionLine_MatchesTheAssemblyVersion()
    {
        var informational = typeof(CliApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

        Assert.NotNull(informational);
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        Assert.Equal(HelpText.VersionLine, "vireo " + (plus < 0 ? informational : informational[..plus]));
    }

    [Fact]
    public void Version_PrintsTheConstant()
    {
        var r = Cli.Run(Cli.NoProbing, "--version");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(HelpText.VersionLine + Environment.NewLine, r.Stdout);
    }

    [Fact]
    public void Publish_MakesTheCliNativeAotOnNet9()
    {
        var p = Evaluate("src/Vireo.Cli/Vireo.Cli.csproj", publishing: true, "TargetFramework", "PublishAot", "RuntimeIdentifier", "AssemblyName");

        Assert.Equal("net9.0", p["TargetFramework"]);
        Assert.Equal("true", p["PublishAot"]);
        Assert.False(string.IsNullOrEmpty(p["RuntimeIdentifier"]), "publish must pick the host's runtime identifier");
        Assert.Equal("vireo", p["AssemblyName"]);
    }

    [Fact]
    public void Publish_KeepsStartUpDataMappedNotRewritten()
    {
        // Dehydrated data and a position-independent executable both touch every data page at
        // start-up; without them vireo --version costs a few page faults (see Vireo.Cli.csproj).
        var p = Evaluate("src/Vireo.Cli/Vireo.Cli.csproj", publishing: true, "IlcDehydrate", "PositionIndependentExecutable");

        Assert.Equal("false", p["IlcDehydrate"]);
        Assert.Equal("false", p["PositionIndependentExecutable"]);
    }

    [Fact]
    public void Publish_CompilesLibrariesForNet9_AotChecked()
    {
        var p = Evaluate("src/Vireo.Domain/Vireo.Domain.csproj", publishing: true, "TargetFramework", "IsAotCompatible", "BaseIntermediateOutputPath");

        Assert.Equal("net9.0", p["TargetFramework"]);
        Assert.Equal("true", p["IsAotCompatible"]);
        Assert.Equal("obj/aot/", p["BaseIntermediateOutputPath"]);
    }

    [Fact]
    public void Build_StaysOnNet10_WithoutAot()
    {
        var p = Evaluate("src/Vireo.Cli/Vireo.Cli.csproj", publishing: false, "TargetFramework", "PublishAot");

        Assert.Equal("net10.0", p["TargetFramework"]);
        Assert.NotEqual("true", p["PublishAot"]);
    }

    /// <summary>Evaluates a project (<c>dotnet msbuild -getProperty</c>) and returns the named properties.</summary>
    private static Dictionary<string, string> Evaluate(string project, bool publishing, params string[] properties)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoRoot(),
        };
        start.ArgumentList.Add("msbuild");
        start.ArgumentList.Add(project);
        start.ArgumentList.Add("-nologo");
        start.ArgumentList.Add("-p:Configuration=Release");
        if (publishing)
        {
            start.ArgumentList.Add("-p:_IsPublishing=true");
        }

        foreach (var name in properties)
        {
            start.ArgumentList.Add("-getProperty:" + name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start dotnet");
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "dotnet msbuild failed: " + stdout + stderr.Result);

        using var doc = JsonDocument.Parse(stdout);
        return doc.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(e => e.Name, e => e.Value.GetString() ?? "");
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Vireo.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Vireo.slnx not found above " + AppContext.BaseDirectory);
    }
}
