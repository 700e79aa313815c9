using Vireo.Runtime.Control;
using Vireo.Runtime.Launch;
using Vireo.Runtime.Screens;
using Vireo.Runtime.Tests.Support;

namespace Vireo.Runtime.Tests.Live;

/// <summary>Helpers for tests that start real guests through the library.</summary>
internal static class LiveGuest
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<StartOptions> Aarch64Async() =>
        new() { Host = await QemuHosts.ForAsync("aarch64", QemuHosts.Aavmf), MonitorTimeout = TimeSpan.FromSeconds(60) };

    public static async Task<StartOptions> X86Async(string? firmware = null) =>
        new() { Host = await QemuHosts.ForAsync("x86_64", firmware), MonitorTimeout = TimeSpan.FromSeconds(60) };

    public static Task<StartResult> StartAsync(TempState temp, string xml, StartOptions options) =>
        DomainLauncher.StartAsync(temp.State, Domains.Parse(xml), options, Ct);

    /// <summary>Waits (up to 90 s: TCG on a loaded 2-core machine is slow) for the firmware's picture.</summary>
    public static async Task<ScreenWatchResult> WaitForPictureAsync(TempState temp, string name, int seconds = 90)
    {
        await using var session = await GuestSession.OpenAsync(temp.State, name, null, Ct);
        return await ScreenWatch.WaitForPictureAsync(session, TimeSpan.FromSeconds(seconds), TimeSpan.FromMilliseconds(500), Ct);
    }

    public static async Task<DomainStatus> StatusAsync(TempState temp, string name) =>
        await DomainInspector.InspectAsync(temp.State, name, Ct) ?? throw new InvalidOperationException($"no state for {name}");
}
