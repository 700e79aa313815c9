using Vireo.Advisor.Chain;
using Vireo.Advisor.Report;
using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Domain.Xml;

namespace Vireo.Advisor.Tests;

/// <summary>Runs the advisor on a domain (text or a file under Domains/) against the embedded QEMU 7.2 snapshots.</summary>
internal static class Advise
{
    public static string DomainPath(string name) => Path.Combine(AppContext.BaseDirectory, "Domains", name + ".xml");

    public static DisplayReport File(string name, string? accel = null, string? guest = null, Func<QemuCapabilities, QemuCapabilities>? alterCaps = null) =>
        Xml(System.IO.File.ReadAllText(DomainPath(name)), accel, guest, alterCaps);

    public static DisplayReport Xml(string xml, string? accel = null, string? guest = null, Func<QemuCapabilities, QemuCapabilities>? alterCaps = null)
    {
        var def = DomainXmlParser.Parse(xml, new DomainParseOptions { Inactive = true });
        var caps = EmbeddedSnapshots.For(def.Os.Arch ?? "x86_64") ?? throw new InvalidOperationException("no snapshot");
        if (alterCaps is not null)
        {
            caps = alterCaps(caps);
        }

        return DisplayAdvisor.Analyze(def, HostFor(caps), caps, new AdvisorOptions { Accel = accel, GuestOs = guest });
    }

    /// <summary>The host the CLI builds for one binary (as its CapsHost does).</summary>
    public static HostInfo HostFor(QemuCapabilities caps) => HostInfoFactory.SingleBinaryHost(caps);
}
