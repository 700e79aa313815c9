using System.Globalization;
using System.Reflection;

namespace Vireo.Capabilities.Snapshots;

/// <summary>
/// One capabilities snapshot shipped inside this assembly (<c>Snapshots/qemu-X.Y-ARCH.xml</c>):
/// which arch and QEMU release it describes, and the snapshot itself, parsed on first use.
/// </summary>
public sealed class EmbeddedSnapshot
{
    private readonly Lazy<QemuCapabilities> _capabilities;

    internal EmbeddedSnapshot(Assembly assembly, string resourceName, string arch, string release)
    {
        ResourceName = resourceName;
        Arch = arch;
        Release = release;
        _capabilities = new Lazy<QemuCapabilities>(() => Load(assembly, resourceName), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The guest arch (libvirt name), from the file name.</summary>
    public string Arch { get; }

    /// <summary>The QEMU release from the file name, <c>X.Y</c> (e.g. <c>7.2</c>).</summary>
    public string Release { get; }

    /// <summary>The manifest resource name, e.g. <c>Vireo.Capabilities.Snapshots.qemu-7.2-x86_64.xml</c>.</summary>
    public string ResourceName { get; }

    /// <summary>The snapshot, read from the resource the first time it is asked for.</summary>
    /// <exception cref="CapabilitiesException">The resource is malformed (a broken build).</exception>
    public QemuCapabilities Capabilities => _capabilities.Value;

    /// <summary>
    /// One line saying what the snapshot describes, e.g.
    /// <c>QEMU 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3) /usr/bin/qemu-system-x86_64, x86_64, KVM and TCG, 116 machine types, 199 flags</c>.
    /// </summary>
    public string Describe()
    {
        var caps = Capabilities;
        var package = caps.Package.Length > 0 ? " (" + caps.Package + ")" : "";
        var accels = caps.Has("kvm") ? "KVM and TCG" : "TCG";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"QEMU {VersionText(caps.Version)}{package} {caps.Emulator}, {caps.Arch}, {accels}, {caps.Machines.Length} machine types, {caps.Flags.Count} flags");
    }

    /// <summary>The version number X*1_000_000 + Y*1_000 + Z written as <c>X.Y.Z</c>.</summary>
    public static string VersionText(int version) =>
        string.Create(CultureInfo.InvariantCulture, $"{version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}");

    private static QemuCapabilities Load(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new CapabilitiesException($"embedded capabilities '{resourceName}' are missing from {assembly.GetName().Name}");
        try
        {
            return LibvirtCapsXml.Parse(stream, resourceName);
        }
        catch (CapabilitiesException ex)
        {
            throw new CapabilitiesException($"embedded capabilities '{resourceName}' are malformed: {ex.Message}", ex);
        }
    }
}
