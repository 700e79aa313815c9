using System.Xml;
using Vireo.Capabilities;

namespace Vireo.Probing.Tests;

/// <summary>
/// The capabilities cache of a running libvirt daemon (<c>/var/cache/libvirt/qemu/capabilities</c>):
/// one file per QEMU binary, named by a hash, holding libvirt's own probe of it.
/// </summary>
internal static class LibvirtCache
{
    public const string Directory = "/var/cache/libvirt/qemu/capabilities";

    /// <summary>libvirt's probe of <paramref name="binary"/>, or null when there is no readable cache entry for it.</summary>
    public static QemuCapabilities? Find(string binary)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            return null;
        }

        try
        {
            foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.xml"))
            {
                var caps = LibvirtCapsXml.Load(file);
                if (caps.Emulator == binary)
                {
                    return caps;
                }
            }
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException or XmlException or CapabilitiesException)
        {
            return null;
        }

        return null;
    }
}
