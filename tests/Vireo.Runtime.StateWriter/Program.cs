// Writes a domain's state files the way the runtime does — record and pid file
// (DomainStore.WriteRecord), live XML (DomainStore.WriteLiveXml), NVRAM copy
// (AtomicFile.Copy) — alternating between two versions, A and B, until it is killed.
//
//   write  STATE NAME   loop forever: A, B, A, ...; after two rounds prints "ready MICROSECONDS-PER-ROUND"
//   expect STATE NAME V write version V (A or B) once: the reference the test compares against
//
// The versions differ in size and in every byte pattern, so a torn file can never pass for one.
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vireo.Runtime.State;

if (args.Length < 3 || args[0] is not ("write" or "expect") || (args[0] == "expect" && args.Length < 4))
{
    await Console.Error.WriteLineAsync("usage: write STATE NAME | expect STATE NAME A|B");
    return 2;
}

var state = new StateDirectory(args[1]);
state.EnsureWritable();
var paths = state.Paths(args[2]);
Directory.CreateDirectory(paths.Directory);
var templates = Path.Combine(state.Root, "templates");
Directory.CreateDirectory(templates);
var nvram = Path.Combine(paths.NvramDirectory, paths.Name + "_VARS.fd");

if (args[0] == "expect")
{
    WriteVersion(args[3][0]);
    return 0;
}

WriteVersion('A');
var clock = System.Diagnostics.Stopwatch.StartNew();
WriteVersion('B');

// Both versions are on disk; tell the test, with how long a (warm) round takes, so that it
// can spread its kill over the next few rounds.
Console.WriteLine("ready " + ((long)clock.Elapsed.TotalMicroseconds).ToString(CultureInfo.InvariantCulture));
Console.Out.Flush();
for (var round = 0L; ; round++)
{
    WriteVersion(round % 2 == 0 ? 'A' : 'B');
}

void WriteVersion(char v)
{
    DomainStore.WriteRecord(paths, Record(v));
    DomainStore.WriteLiveXml(paths, LiveXml(v));
    AtomicFile.Copy(Template(v), nvram, overwrite: true);
}

DomainRecord Record(char v) => new()
{
    Name = paths.Name,
    Id = v == 'A' ? 1 : 2,
    Uuid = v == 'A' ? "6f2a1c34-0000-4000-8000-00000000000a" : "6f2a1c34-0000-4000-8000-00000000000b",
    Phase = v == 'A' ? DomainPhase.Spawned : DomainPhase.Ready,
    Emulator = v == 'A' ? "/usr/bin/qemu-system-x86_64" : "/usr/bin/qemu-system-aarch64",
    Arch = v == 'A' ? "x86_64" : "aarch64",
    Machine = v == 'A' ? "pc-q35-7.2" : "virt-7.2",
    Pid = v == 'A' ? 4242 : 313373,
    ProcessStartTime = v == 'A' ? 1000UL : 2_000_000UL,
    CreatedAt = new DateTimeOffset(2026, 11, 21, 12, 0, v == 'A' ? 1 : 2, TimeSpan.Zero),
    ReadyAt = v == 'A' ? null : new DateTimeOffset(2026, 11, 21, 12, 0, 3, TimeSpan.Zero),
    Backends = v == 'A'
        ? ImmutableDictionary<string, DeviceBackends>.Empty
        // One entry only: a dictionary's order depends on the per-process string hash seed.
        : ImmutableDictionary<string, DeviceBackends>.Empty.Add("virtio-disk0", new DeviceBackends
        {
            BlockNodes = [.. Enumerable.Range(0, 120).Select(i => "libvirt-" + i.ToString(CultureInfo.InvariantCulture) + "-format")],
        }),
};

string LiveXml(char v)
{
    var disks = v == 'A' ? 8 : 60;
    var xml = new StringBuilder();
    xml.Append("<domain type='kvm' id='").Append(v == 'A' ? 1 : 2).Append("'>\n");
    xml.Append("  <name>").Append(paths.Name).Append("</name>\n");
    xml.Append("  <memory unit='KiB'>").Append(v == 'A' ? 1048576 : 4194304).Append("</memory>\n");
    xml.Append("  <vcpu placement='static'>").Append(v == 'A' ? 1 : 4).Append("</vcpu>\n");
    xml.Append("  <os>\n    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>\n  </os>\n");
    xml.Append("  <devices>\n    <emulator>/usr/bin/qemu-system-x86_64</emulator>\n");
    for (var i = 0; i < disks; i++)
    {
        var letter = (char)('a' + (i % 26));
        var name = (i >= 26 ? "vd" + (char)('a' + (i / 26) - 1) : "vd") + letter;
        xml.Append("    <disk type='file' device='disk'>\n");
        xml.Append("      <driver name='qemu' type='").Append(v == 'A' ? "raw" : "qcow2").Append("'/>\n");
        xml.Append("      <source file='/var/lib/images/").Append(v).Append('-').Append(i).Append(".img'/>\n");
        xml.Append("      <target dev='").Append(name).Append("' bus='virtio'/>\n");
        xml.Append("      <alias name='virtio-disk").Append(i).Append("'/>\n");
        xml.Append("    </disk>\n");
    }

    xml.Append("  </devices>\n</domain>\n");
    return xml.ToString();
}

string Template(char v)
{
    // OVMF_VARS.fd is 540672 bytes (528 KiB); each version has its own byte pattern.
    var path = Path.Combine(templates, "VARS-" + v + ".fd");
    if (!File.Exists(path))
    {
        var bytes = new byte[540_672];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(v == 'A' ? i * 7 : 255 - (i * 13));
        }

        AtomicFile.WriteBytes(path, bytes);
    }

    return path;
}
