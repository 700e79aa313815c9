using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>Shared-directory rules (libvirt's qemuValidateDomainDeviceDefFS).</summary>
internal static class FilesystemRules
{
    /// <summary>Rules on filesystems whose defaults are filled in.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p)
    {
        foreach (var fs in def.DevicesOf<FilesystemDevice>())
        {
            if (fs.Type != "mount")
            {
                throw Unsupported("only supports mount filesystem type");
            }

            switch (fs.DriverType)
            {
                case null or "path":
                    break;
                case "handle":
                    if (fs.AccessMode != "passthrough")
                    {
                        throw Unsupported("only supports passthrough accessmode");
                    }

                    break;
                case "virtiofs":
                    if (KnowsCaps(p) && !p.Has("vhost-user-fs"))
                    {
                        throw Unsupported("virtiofs is not supported with this QEMU binary");
                    }

                    if (fs.Multidevs is not null)
                    {
                        throw Unsupported("virtiofs does not support multidevs");
                    }

                    if (fs.FileMode != 0 || fs.DirMode != 0)
                    {
                        throw Unsupported("virtiofs does not support fmode and dmode");
                    }

                    break;
                default:
                    throw Unsupported("Filesystem driver type not supported");
            }

            if (fs.Multidevs is not null && KnowsCaps(p) && !p.Has("fsdev.multidevs"))
            {
                throw Unsupported("multidevs is not supported with this QEMU binary");
            }
        }
    }
}
