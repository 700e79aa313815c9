using System.Collections.Immutable;
using System.Text;
using Vireo.Advisor.Facts;
using Vireo.Advisor.Report;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Devices;

namespace Vireo.Advisor.Chain;

/// <summary>
/// Walks a domain's display chain stage by stage (device, accelerator, firmware, boot loader,
/// OS driver, remote display) and asks the fact table about each. What it computes here is
/// only the key of each question: the devices (from the engine), the firmware kind, the
/// accelerator, the guest OS and a per-stage condition. Every verdict comes from the table.
/// </summary>
public static class DisplayAdvisor
{
    /// <summary>Analyses <paramref name="def"/> (as parsed, before post-parse) for a QEMU binary.</summary>
    /// <param name="def">The domain.</param>
    /// <param name="host">The host the engine builds for (holding <paramref name="caps"/>).</param>
    /// <param name="caps">The binary's capabilities.</param>
    /// <param name="options">Accelerator and guest OS overrides, the facts.</param>
    public static DisplayReport Analyze(DomainDefinition def, HostInfo host, QemuCapabilities caps, AdvisorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(caps);
        options ??= new AdvisorOptions();
        var arch = def.Os.Arch ?? (caps.Arch.Length > 0 ? caps.Arch : "x86_64");
        var resolved = DeviceResolver.Resolve(def, host, caps);
        var ctx = new AdvisorContext(
            options.Facts,
            ArchFamilies.Of(arch),
            FirmwareKinds.Classify(def),
            AccelOf(def, options.Accel),
            GuestOf(def, options.GuestOs),
            caps.Emulator.Length > 0 ? caps.Emulator : "the QEMU binary",
            GraphicsOf(resolved.Definition));

        var stages = ImmutableArray.CreateBuilder<StageResult>();
        var screen = Walk(ctx, resolved, caps, stages);
        return new DisplayReport
        {
            Domain = def.Name,
            Arch = arch,
            Machine = resolved.Definition.Os.Machine ?? def.Os.Machine ?? "-",
            Firmware = ctx.Firmware,
            Accel = ctx.Accel,
            GuestOs = ctx.Guest,
            Emulator = caps.Emulator,
            Devices = resolved.Devices,
            Stages = stages.ToImmutable(),
            FirmwareScreen = screen,
        };
    }

    // Evaluates the stages; returns the firmware-screen prediction.
    private static string Walk(AdvisorContext ctx, ResolvedDisplays resolved, QemuCapabilities caps, ImmutableArray<StageResult>.Builder stages)
    {
        if (resolved.Refusal is { } refusal)
        {
            var primary = resolved.Devices.FirstOrDefault();
            var when = resolved.MissingFlag is null ? "refused" : "absent";
            var fact = Ask(ctx, stages, DisplayStage.Device, "-", when, primary?.Model ?? "none", refusal, resolved.MissingFlag);
            return fact.Screen ?? when;
        }

        var devices = resolved.Devices;
        if (devices.IsEmpty)
        {
            var fact = Ask(ctx, stages, DisplayStage.Device, "-", "no-display", "none");
            return fact.Screen ?? "no-display";
        }

        // 1. device choice
        foreach (var d in devices)
        {
            var when = d.Role switch
            {
                "secondary" => "secondary",
                "vgpu" => d.Ramfb ? "mdev-ramfb" : "mdev",
                _ when ctx.Arch == "arm" && d.Model == "virtio" && caps.Has("virtio-vga") => "vga-listed",
                _ => "present",
            };
            var fact = Ask(ctx, stages, DisplayStage.Device, d.QemuDevice, when, d.Model);
            if (fact.Verdict == Verdict.Broken && fact.Screen is { } terminal)
            {
                return terminal;
            }
        }

        // 2. accelerator, for every device (a secondary BAR framebuffer is as incoherent as a primary one)
        foreach (var d in devices)
        {
            Ask(ctx, stages, DisplayStage.Accelerator, d.QemuDevice, "*", d.Model);
        }

        // 3–4. firmware and boot loader, for the boot display: the primary video, else a vGPU's ramfb, else the vGPU
        var boot = devices.FirstOrDefault(d => d.Role == "primary") ?? devices.FirstOrDefault(d => d.Ramfb) ?? devices[0];
        var bootDevice = boot.IsVgpu && boot.Ramfb ? "ramfb" : boot.QemuDevice;
        var fw = Ask(ctx, stages, DisplayStage.Firmware, bootDevice, "*", boot.Model);
        var screen = fw.Screen ?? "placeholder";
        Ask(ctx, stages, DisplayStage.Bootloader, bootDevice, screen == "picture" ? "picture" : "no-picture", boot.Model);

        // 5–6. OS driver and remote display, for each device that has a console of its own
        foreach (var d in devices.Where(d => d.Role != "secondary"))
        {
            Ask(ctx, stages, DisplayStage.OsDriver, d.QemuDevice, "*", d.Model);
        }

        foreach (var d in devices.Where(d => d.Role != "secondary"))
        {
            Ask(ctx, stages, DisplayStage.RemoteDisplay, d.QemuDevice, RemoteCondition(ctx, d), d.Model);
        }

        return screen;
    }

    private static DisplayFact Ask(AdvisorContext ctx, ImmutableArray<StageResult>.Builder stages, DisplayStage stage, string device, string when, string model, string? message = null, string? flag = null)
    {
        var fact = ctx.Facts.Find(new FactQuery(stage, ctx.Arch, ctx.Firmware, device, ctx.Accel, ctx.Guest, when));
        string Fill(string text) => new StringBuilder(text)
            .Replace("{device}", device)
            .Replace("{model}", model)
            .Replace("{binary}", ctx.Binary)
            .Replace("{flag}", flag ?? "-")
            .Replace("{message}", message ?? "")
            .Replace("{arch}", ctx.Arch)
            .Replace("{firmware}", ctx.Firmware)
            .Replace("{accel}", ctx.Accel == "kvm" ? "KVM" : "TCG")
            .Replace("{guest}", ctx.Guest)
            .Replace("{graphics}", ctx.Graphics.Describe())
            .ToString();
        stages.Add(new StageResult(stage, device, fact.Verdict, Fill(fact.Reason), fact.Fix is { } fix ? Fill(fix) : null, fact.Id, fact.Source));
        return fact;
    }

    // The remote-display condition: which graphics there are, and whether the device needs OpenGL.
    private static string RemoteCondition(AdvisorContext ctx, DisplayDevice d)
    {
        var g = ctx.Graphics;
        var needsGl = d.IsVgpu || d.QemuDevice.EndsWith("-gl", StringComparison.Ordinal) || d.QemuDevice.Contains("-gl-", StringComparison.Ordinal);
        if (g.Types.IsEmpty)
        {
            return "no-graphics";
        }

        if (needsGl)
        {
            return g.HasGl ? "gl" : "no-gl";
        }

        return g.Types.All(t => t == "egl-headless") ? "egl-only" : "viewer";
    }

    private static string AccelOf(DomainDefinition def, string? option) =>
        option ?? (def.VirtType == "qemu" ? "tcg" : "kvm");

    private static string GuestOf(DomainDefinition def, string? option) =>
        option ?? (def.Feature("hyperv") is not null ? "windows" : "linux");

    private static GraphicsSummary GraphicsOf(DomainDefinition def)
    {
        var graphics = def.DevicesOf<GraphicsDevice>().ToList();
        return new GraphicsSummary([.. graphics.Select(g => g.Type)], graphics.Any(g => g.HasGl), [.. graphics.Select(g => g.Type == "spice" && g.GlEnable == "yes" ? "spice (GL)" : g.Type)]);
    }
}
