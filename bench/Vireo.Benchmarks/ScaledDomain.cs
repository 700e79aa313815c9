using System.Globalization;
using System.Text;

namespace Vireo.Benchmarks;

/// <summary>
/// Generates the domain a user with many devices would write: a q35 guest whose disks are
/// qcow2 files on virtio-scsi controllers (one controller per 100 disks, explicit drive
/// addresses; a virtio-scsi controller takes 16384 LUNs, so PCI slots are not the limit) and
/// whose NICs are virtio on libvirt's <c>default</c> network, each on a
/// <c>pcie-root-port</c> the engine adds. (Hundreds of virtio-blk disks would need one PCI
/// slot each: on q35 libvirt runs out of pcie-root slots at about 230.)
/// </summary>
public static class ScaledDomain
{
    /// <summary>Disks per virtio-scsi controller.</summary>
    public const int DisksPerController = 100;

    /// <summary>The domain XML for <paramref name="disks"/> disks and <paramref name="nics"/> NICs.</summary>
    public static string Generate(int disks, int nics)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(disks);
        ArgumentOutOfRangeException.ThrowIfNegative(nics);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(256 * (disks + nics) + 1024);
        sb.Append("<domain type='kvm'>\n")
            .Append(inv, $"  <name>scale-{disks}-{nics}</name>\n")
            .Append("  <uuid>1b2c3d4e-5f60-4172-8394-a5b6c7d8e9f0</uuid>\n")
            .Append("  <memory unit='GiB'>4</memory>\n")
            .Append("  <vcpu placement='static'>4</vcpu>\n")
            .Append("  <os>\n    <type arch='x86_64' machine='q35'>hvm</type>\n  </os>\n")
            .Append("  <features>\n    <acpi/>\n    <apic/>\n  </features>\n")
            .Append("  <devices>\n");
        var controllers = (disks + DisksPerController - 1) / DisksPerController;
        for (var c = 0; c < controllers; c++)
        {
            sb.Append(inv, $"    <controller type='scsi' index='{c}' model='virtio-scsi'/>\n");
        }

        for (var i = 0; i < disks; i++)
        {
            sb.Append("    <disk type='file' device='disk'>\n")
                .Append("      <driver name='qemu' type='qcow2'/>\n")
                .Append(inv, $"      <source file='/var/lib/libvirt/images/disk{i}.qcow2'/>\n")
                .Append(inv, $"      <target dev='sd{DiskSuffix(i)}' bus='scsi'/>\n")
                .Append(inv, $"      <address type='drive' controller='{i / DisksPerController}' bus='0' target='0' unit='{i % DisksPerController}'/>\n")
                .Append("    </disk>\n");
        }

        for (var i = 0; i < nics; i++)
        {
            sb.Append("    <interface type='network'>\n")
                .Append(inv, $"      <mac address='52:54:00:00:{i / 256:x2}:{i % 256:x2}'/>\n")
                .Append("      <source network='default'/>\n")
                .Append("      <model type='virtio'/>\n")
                .Append("    </interface>\n");
        }

        sb.Append("    <graphics type='vnc' port='5900' autoport='no'/>\n")
            .Append("  </devices>\n")
            .Append("</domain>\n");
        return sb.ToString();
    }

    /// <summary>The disk-name suffix libvirt uses for index <paramref name="index"/>: a..z, aa..zz, aaa...</summary>
    public static string DiskSuffix(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var chars = new Stack<char>();
        var i = index;
        while (true)
        {
            chars.Push((char)('a' + (i % 26)));
            i = (i / 26) - 1;
            if (i < 0)
            {
                break;
            }
        }

        return new string([.. chars]);
    }
}
