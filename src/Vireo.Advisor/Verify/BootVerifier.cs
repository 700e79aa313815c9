using System.Globalization;
using System.Xml.Linq;
using Vireo.Advisor.Report;
using Vireo.Capabilities;
using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;
using Vireo.Domain.Xml;
using Vireo.Runtime;
using Vireo.Runtime.Control;
using Vireo.Runtime.Launch;
using Vireo.Runtime.Screens;
using Vireo.Runtime.State;

namespace Vireo.Advisor.Verify;

/// <summary>
/// <c>--verify</c>: boots the domain's firmware under TCG through the runtime (as the
/// boot-display matrix does) and compares the screen with the firmware-stage prediction.
/// The guest booted is the domain's platform and display only: same arch, machine,
/// firmware and videos, 512 MiB, one vCPU, a pty serial port, no disks, no network, no
/// graphics (the screen is read with QMP screendump).
/// </summary>
public static class BootVerifier
{
    /// <summary>How long the firmware gets to draw.</summary>
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(30);

    private static int counter;

    /// <summary>Boots, watches and destroys the guest; the domain must not use a vGPU.</summary>
    /// <param name="state">A state directory for the short-lived guest.</param>
    /// <param name="def">The domain as parsed.</param>
    /// <param name="report">The advisor's report for it.</param>
    /// <param name="host">The host with the real QEMU binary's capabilities.</param>
    /// <param name="cap">How long the firmware gets (default 30 s).</param>
    /// <param name="cancellationToken">Cancels the watch (the guest is still destroyed).</param>
    /// <exception cref="RuntimeException">The domain has a vGPU display, or QEMU cannot start.</exception>
    public static async Task<VerifyResult> VerifyAsync(StateDirectory state, DomainDefinition def, DisplayReport report, HostInfo host, TimeSpan? cap = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(def);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Devices.Any(d => d.IsVgpu))
        {
            throw new RuntimeException("--verify cannot boot a vGPU (mdev) display: it needs the host's mediated device; check the other stages by hand");
        }

        if (report.FirmwareScreen is "absent" or "refused")
        {
            return new VerifyResult(report.FirmwareScreen, report.FirmwareScreen, null, TimeSpan.Zero, "not booted: QEMU cannot run this domain with this binary");
        }

        var name = "display-check-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref counter).ToString(CultureInfo.InvariantCulture);
        var guest = DomainXmlParser.Parse(VerifyXml(def, name), new DomainParseOptions { Inactive = true });
        await DomainLauncher.StartAsync(state, guest, new StartOptions { Host = host, MonitorTimeout = TimeSpan.FromSeconds(60) }, cancellationToken).ConfigureAwait(false);
        try
        {
            var seen = await FirmwareScreenWatch.WatchAsync(state, name, cap ?? DefaultCap, cancellationToken).ConfigureAwait(false);
            var last = seen.Watch.Last;
            var note = last.State == ScreenState.NoDisplay ? last.Message : seen.FirmwareDone ? "UEFI shell reached" : null;
            return new VerifyResult(report.FirmwareScreen, seen.Outcome, seen.Watch.FirstPicture, seen.Watch.Elapsed, note);
        }
        finally
        {
            await GuestControl.DestroyAsync(state, name, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The domain <c>--verify</c> boots: the platform, firmware and videos of <paramref name="def"/>, nothing else.</summary>
    public static string VerifyXml(DomainDefinition def, string name)
    {
        ArgumentNullException.ThrowIfNull(def);
        var arch = def.Os.Arch ?? "x86_64";
        var type = new XElement("type", new XAttribute("arch", arch), def.Os.Type);
        if (def.Os.Machine is { } machine)
        {
            type.Add(new XAttribute("machine", machine));
        }

        var os = new XElement("os");
        if (def.Os.Firmware is { } firmware)
        {
            os.Add(new XAttribute("firmware", firmware));
            if (firmware == "efi")
            {
                // Debian's secure-boot descriptors come first and need SMM; the display is the same without.
                os.Add(new XElement("firmware", new XElement("feature", new XAttribute("enabled", "no"), new XAttribute("name", "secure-boot"))));
            }
        }

        os.Add(type);
        if (def.Os.Loader is { Path: { Length: > 0 } loaderPath } loader)
        {
            var el = new XElement("loader", loaderPath);
            var loaderType = loader.Type ?? "pflash";
            el.Add(new XAttribute("type", loaderType));
            if (loaderType == "pflash")
            {
                el.Add(new XAttribute("readonly", "yes"));
            }

            os.Add(el);
        }

        var devices = new XElement("devices", new XElement("serial", new XAttribute("type", "pty")));
        foreach (var v in def.DevicesOf<VideoDevice>())
        {
            var model = new XElement("model", new XAttribute("type", v.ModelType ?? "none"));
            if (v.Primary)
            {
                model.Add(new XAttribute("primary", "yes"));
            }

            devices.Add(new XElement("video", model));
        }

        var domain = new XElement("domain", new XAttribute("type", "qemu"),
            new XElement("name", name),
            new XElement("memory", new XAttribute("unit", "MiB"), "512"),
            new XElement("vcpu", "1"),
            os);
        if (Qemu.Platform.Machine.IsArm(arch))
        {
            // QEMU's default CPU for 'virt' is 32-bit; UEFI for aarch64 needs a 64-bit one.
            domain.Add(new XElement("cpu", new XAttribute("mode", "custom"), new XAttribute("match", "exact"), new XElement("model", "cortex-a57")));
        }
        else if (Qemu.Platform.Machine.IsX86(arch))
        {
            // x86 UEFI needs ACPI (libvirt refuses it without), as a real x86 guest has it.
            domain.Add(new XElement("features", new XElement("acpi")));
        }

        domain.Add(devices);
        return domain.ToString();
    }
}
