using System.Globalization;
using System.Text;
using Vireo.Domain.Devices;
using Vireo.Domain.Errors;

namespace Vireo.Qemu.CommandLine;

/// <summary>Shared directories: virtio-9p (-fsdev + device) and virtiofs (vhost-user-fs).</summary>
internal sealed partial class CommandLineBuilder
{
    private void BuildFilesystems()
    {
        foreach (var fs in def.DevicesOf<FilesystemDevice>())
        {
            switch (fs.DriverType)
            {
                case null or "path" or "handle":
                    Build9p(fs);
                    break;
                case "virtiofs":
                    BuildVirtiofs(fs);
                    break;
                default:
                    throw DomainConfigException.Unsupported($"Filesystem driver type '{fs.DriverType}' is not supported");
            }
        }
    }

    private void Build9p(FilesystemDevice fs)
    {
        var sb = new StringBuilder();
        if (fs.DriverType == "handle")
        {
            sb.Append("handle");
        }
        else
        {
            sb.Append("local");
            sb.Append(fs.AccessMode switch
            {
                "mapped" => ",security_model=mapped",
                "squash" => ",security_model=none",
                _ => ",security_model=passthrough",
            });
            if (fs.Multidevs is { } md)
            {
                sb.Append(",multidevs=").Append(QemuProps.EscapeValue(md));
            }

            if (fs.FileMode > 0)
            {
                sb.Append(",fmode=").Append(Octal(fs.FileMode));
            }

            if (fs.DirMode > 0)
            {
                sb.Append(",dmode=").Append(Octal(fs.DirMode));
            }
        }

        if (fs.WritePolicy is { } wp)
        {
            sb.Append(",writeout=").Append(QemuProps.EscapeValue(wp));
        }

        sb.Append(",id=fsdev-").Append(fs.Info.Alias).Append(",path=");
        QemuProps.AppendEscapedValue(sb, fs.SourcePath ?? "");
        if (fs.ReadOnly)
        {
            sb.Append(",readonly=on");
        }

        Add("-fsdev", sb.ToString());
        AddZpciExtDevice(fs.Info);
        var props = new QemuProps().Str("driver", VirtioDriverName("virtio-9p", fs.Model ?? "virtio", fs.Info));
        VirtioOptionProps(props, fs.Virtio);
        props.Str("id", fs.Info.Alias).Str("fsdev", "fsdev-" + fs.Info.Alias).Str("mount_tag", fs.TargetDir);
        AddressProps(props, fs.Info);
        Device(props);
    }

    private void BuildVirtiofs(FilesystemDevice fs)
    {
        var socket = fs.SourceSocket ?? LibDir + "/" + fs.Info.Alias + "-fs.sock";
        var chardev = "chr-vu-" + fs.Info.Alias;
        var sb = new StringBuilder("socket,id=").Append(chardev).Append(",path=");
        QemuProps.AppendEscapedValue(sb, socket);
        Add("-chardev", sb.ToString());
        AddZpciExtDevice(fs.Info);
        var props = new QemuProps().Str("driver", VirtioDriverName("vhost-user-fs", fs.Model ?? "virtio", fs.Info));
        VirtioOptionProps(props, fs.Virtio);
        props.Str("id", fs.Info.Alias).Str("chardev", chardev).UNum("queue-size", fs.QueueSize is > 0 ? fs.QueueSize : null).Str("tag", fs.TargetDir)
            .Num("bootindex", fs.Info.BootOrder);
        AddressProps(props, fs.Info);
        Device(props);
    }

    private static string Octal(uint mode) => Convert.ToString(mode, 8).PadLeft(4, '0');
}
