using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Domain.Memory;
using Vireo.Domain.Numa;
using Vireo.Qemu.Memory;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// Guest RAM: -m, the memory backends of main RAM, NUMA cells and memory devices
/// (hugepages, file/memfd backing, sharing, preallocation, host NUMA binding), -numa
/// nodes, distances and HMAT, and the DIMM/NVDIMM/virtio-mem devices.
/// </summary>
internal sealed partial class CommandLineBuilder
{
    private MemoryBackingConfig? backing;
    private GuestNuma? numa;
    private NumaTuneConfig? numatune;
    private List<MemoryDeviceConfig>? memoryDevices;
    private GuestMemoryLayout? layout;

    /// <summary>Whether the legacy -mem-prealloc switch was emitted (backends then skip their own prealloc).</summary>
    private bool memPrealloc;

    private MemoryBackingConfig Backing => backing ??= MemoryBackingConfig.Read(def.MemoryBacking);

    private GuestNuma Numa => numa ??= GuestNuma.Read(def.Cpu?.Numa);

    private NumaTuneConfig NumaTune => numatune ??= NumaTuneConfig.Read(def.Extra("numatune"));

    private List<MemoryDeviceConfig> MemoryDevices => memoryDevices ??= [.. def.Devices.Select(MemoryDeviceConfig.Read).OfType<MemoryDeviceConfig>()];

    private GuestMemoryLayout Layout => layout ??= GuestMemoryLayout.For(def, Numa, MemoryDevices, p.Arch, align: ctx.IncomingUri is null);

    // Source: SPEC §1.6 — the harness's fake host has NUMA nodes 0-7 and gives 0-3 as numad's advice.
    private const int HarnessMaxHostNode = 7;

    private static readonly ImmutableSortedSet<int> HarnessAutoNodeset = [0, 1, 2, 3];

    /// <summary>The memory-backend id of main RAM, for machines that name one (QEMU ≥ 5.2) and no guest NUMA.</summary>
    private string? MainRamId()
    {
        if (!Numa.Cells.IsDefaultOrEmpty || p.Caps.Version < 5_002_000)
        {
            return null;
        }

        return p.Caps.FindMachine(p.Machine, p.Accel)?.DefaultRamId;
    }

    private void BuildMemory()
    {
        CheckHostNodes(NumaTune.Placement == "static" ? NumaTune.Nodes : null);
        if (def.MaxMemoryKiB is not null && def.MaxMemorySlots is { } slots)
        {
            Add("-m", string.Create(CultureInfo.InvariantCulture, $"size={Layout.InitialKiB}k,slots={slots},maxmem={Layout.MaxKiB}k"));
        }
        else
        {
            Add("-m", (Layout.InitialKiB / 1024).ToString(CultureInfo.InvariantCulture));
        }

        if (MainRamId() is { } ramId)
        {
            var request = new BackendRequest(ramId, Layout.InitialKiB) { SystemMemory = true };
            var (props, _) = MemoryBackendProps(request);
            EmitBackend(props);
        }
        else if (Numa.Cells.IsDefaultOrEmpty)
        {
            BuildMemPath();
        }

        Add("-overcommit", "mem-lock=" + (Backing.Locked ? "on" : "off"));
    }

    /// <summary>The legacy -mem-prealloc / -mem-path switches (no backend object for main RAM).</summary>
    private void BuildMemPath()
    {
        string? path = null;
        var prealloc = false;
        if (!Backing.HugePages.IsDefaultOrEmpty && Backing.HugePages[0].SizeKiB != SystemPageKiB)
        {
            var size = Backing.HugePages[0].SizeKiB;
            if (size == 0)
            {
                size = DefaultHugePageKiB();
            }

            path = HugePagePath(size);
            prealloc = true;
        }
        else if (Backing.Source == "file")
        {
            path = MemoryBackingPath("ram");
        }

        if (Backing.Allocation == "immediate")
        {
            prealloc = true;
        }

        if (prealloc && !memPrealloc)
        {
            Add("-mem-prealloc");
            memPrealloc = true;
        }

        if (path is not null)
        {
            Add("-mem-path", path);
        }
    }

    // Source: SPEC §1.6 — page size 4096 (host pages are 4 KiB).
    private const ulong SystemPageKiB = 4;

    private ulong DefaultHugePageKiB()
    {
        foreach (var m in cfg.Hugetlbfs)
        {
            if (m.IsDefault)
            {
                return m.PageSizeKiB;
            }
        }

        throw DomainConfigException.Unsupported("hugetlbfs filesystem is not mounted or disabled by administrator config");
    }

    private string HugePagePath(ulong pageKiB)
    {
        foreach (var m in cfg.Hugetlbfs)
        {
            if (m.PageSizeKiB == pageKiB)
            {
                return m.MountPoint + "/libvirt/qemu/" + ctx.ShortName(def.Name);
            }
        }

        throw DomainConfigException.Internal(string.Create(CultureInfo.InvariantCulture, $"Unable to find any usable hugetlbfs mount for {pageKiB} KiB"));
    }

    private string MemoryBackingPath(string alias) => cfg.MemoryBackingDir + "/" + ctx.ShortName(def.Name) + "/" + alias;

    /// <summary>What a memory backend is for (libvirt passes a virDomainMemoryDef).</summary>
    private sealed record BackendRequest(string Alias, ulong SizeKiB)
    {
        /// <summary>Name of the file under the memory backing directory (the device alias).</summary>
        public string? PathName { get; init; }

        public int TargetNode { get; init; } = -1;

        public ulong PageSizeKiB { get; init; }

        public ImmutableSortedSet<int>? SourceNodes { get; init; }

        public string? Access { get; init; }

        public string? Discard { get; init; }

        public string? NvdimmPath { get; init; }

        public bool Pmem { get; init; }

        public string? Model { get; init; }

        public ulong AlignKiB { get; init; }

        /// <summary>Build an object even when plain RAM would do.</summary>
        public bool Force { get; init; }

        /// <summary>The backend of main RAM (machine memory-backend).</summary>
        public bool SystemMemory { get; init; }
    }

    /// <summary>
    /// The properties of a memory backend, after libvirt 9.0 qemuBuildMemoryBackendProps: the
    /// backend type (ram, file for hugepages/file backing/NVDIMM, memfd), path, discard,
    /// sharing, preallocation, size, alignment and host-node policy. <c>Needed</c> is false
    /// when nothing asks for a backend object (plain -numa mem= would do).
    /// </summary>
    private (QemuProps Props, bool Needed) MemoryBackendProps(BackendRequest mem)
    {
        var backendType = "memory-backend-file";
        var access = mem.Access;
        var discard = mem.Discard;
        var prealloc = false;
        var nodeSpecified = mem.TargetNode >= 0 && NumaTune.ForCell(mem.TargetNode) is not null;
        var pagesize = mem.PageSizeKiB;
        var needHugepage = pagesize != 0;
        var useHugepage = pagesize != 0;
        var disableCanonicalPath = false;

        if (mem.TargetNode >= 0)
        {
            if (mem.TargetNode >= Numa.Cells.Length)
            {
                throw DomainConfigException.Unsupported(string.Create(
                    CultureInfo.InvariantCulture,
                    $"can't add memory backend for guest node '{mem.TargetNode}' as the guest has only '{Numa.Cells.Length}' NUMA nodes configured"));
            }

            access ??= Numa.Cells[mem.TargetNode].MemAccess;
            discard ??= Numa.Cells[mem.TargetNode].Discard;
        }

        access ??= Backing.Access;
        if (discard is null && Backing.Discard)
        {
            discard = "yes";
        }

        if (Backing.Allocation == "immediate")
        {
            prealloc = true;
        }

        var mode = (mem.TargetNode >= 0 ? NumaTune.ForCell(mem.TargetNode)?.Mode : null) ?? NumaTune.Mode ?? "strict";

        if (pagesize == 0)
        {
            HugePageConfig? master = null;
            HugePageConfig? chosen = null;
            foreach (var hp in Backing.HugePages)
            {
                if (hp.Nodes is null)
                {
                    master = hp;
                    continue;
                }

                if (mem.TargetNode >= 0 && hp.Nodes.Contains(mem.TargetNode))
                {
                    chosen = hp;
                    needHugepage = true;
                    break;
                }
            }

            chosen ??= master;
            if (chosen is not null)
            {
                pagesize = chosen.SizeKiB;
                useHugepage = true;
            }
        }

        if (pagesize == SystemPageKiB)
        {
            // A "huge" page of the system page size is no huge page at all.
            pagesize = 0;
            needHugepage = false;
            useHugepage = false;
        }
        else if (useHugepage && pagesize == 0)
        {
            pagesize = DefaultHugePageKiB();
        }

        var props = new QemuProps();
        if (mem.Model == "sgx-epc")
        {
            // SGX enclave page cache: its own backend type, always preallocated.
            backendType = "memory-backend-epc";
            prealloc = true;
        }
        else if (mem.NvdimmPath is null && Backing.Source == "memfd")
        {
            backendType = "memory-backend-memfd";
            if (useHugepage)
            {
                props.Bool("hugetlb", true).UNum("hugetlbsize", pagesize * 1024);
                prealloc = true;
            }

            AddShare(props, access);
            disableCanonicalPath = mem.SystemMemory;
        }
        else if (useHugepage || mem.NvdimmPath is not null || access is not null || Backing.Source == "file")
        {
            string path;
            if (mem.NvdimmPath is not null)
            {
                path = mem.NvdimmPath;

                // A real NVDIMM (pmem) or virtio-pmem has nothing worth preallocating.
                if (!mem.Pmem && mem.Model != "virtio-pmem")
                {
                    prealloc = true;
                }
            }
            else if (useHugepage)
            {
                path = HugePagePath(pagesize);
                prealloc = true;
            }
            else
            {
                path = MemoryBackingPath(mem.PathName ?? mem.Alias);
            }

            props.Str("mem-path", path);
            if (mem.NvdimmPath is null && discard is not null)
            {
                props.Bool("discard-data", discard == "yes");
            }

            AddShare(props, access);
            disableCanonicalPath = mem.SystemMemory;
        }
        else
        {
            backendType = "memory-backend-ram";
        }

        if (disableCanonicalPath && p.Has("memory-backend-file.x-use-canonical-path-for-ramblock-id"))
        {
            props.Bool("x-use-canonical-path-for-ramblock-id", false);
        }

        if (mem.Model == "virtio-mem")
        {
            // virtio-mem cannot preallocate its backend; QEMU reserves nothing up front either.
            if (memPrealloc)
            {
                props.Bool("prealloc", false);
            }

            if (p.Has("memory-backend-file.reserve"))
            {
                props.Bool("reserve", false);
            }
        }
        else
        {
            if (!memPrealloc && prealloc)
            {
                props.Bool("prealloc", true);
            }

            if (prealloc && Backing.AllocationThreads is { } threads)
            {
                props.Num("prealloc-threads", threads);
            }
        }

        props.UNum("size", mem.SizeKiB * 1024);
        if (mem.AlignKiB > 0)
        {
            props.UNum("align", mem.AlignKiB * 1024);
        }

        if (mem.NvdimmPath is not null && mem.Pmem)
        {
            props.Bool("pmem", true);
        }

        var nodemask = mem.SourceNodes ?? MaybeNodeset(mem.TargetNode);
        if (nodemask is not null)
        {
            CheckHostNodes(nodemask);

            // 'restrictive' leaves the placement to cgroups: QEMU gets no policy at all.
            if (mode != "restrictive")
            {
                props.Arr("host-nodes", HostNodesValue(nodemask));
                props.Str("policy", mode == "strict" ? "bind" : mode);
            }
        }

        var needed = needHugepage || mem.SourceNodes is not null || nodeSpecified || mem.NvdimmPath is not null
            || access is not null || Backing.Source is "file" or "memfd" || mem.Force;

        var full = new QemuProps().Str("qom-type", backendType).Str("id", mem.Alias).AddRange(props);
        return (full, needed);
    }

    private static void AddShare(QemuProps props, string? access)
    {
        if (access is "shared" or "private")
        {
            props.Bool("share", access == "shared");
        }
    }

    /// <summary>Host nodes as QEMU takes them: a JSON array of node numbers, or "a-b" ranges in key=value syntax.</summary>
    private List<object> HostNodesValue(ImmutableSortedSet<int> nodes)
    {
        if (JsonObjects)
        {
            return [.. nodes.Select(n => (object)(long)n)];
        }

        return [.. NodeSet.Format(nodes).Split(',').Select(r => (object)r)];
    }

    /// <summary>The host nodes a cell (or, with -1, main memory) is bound to, if any.</summary>
    private ImmutableSortedSet<int>? MaybeNodeset(int cell)
    {
        if (cell >= 0 && NumaTune.ForCell(cell) is { } node)
        {
            return node.Nodes;
        }

        return NumaTune.Placement switch
        {
            "auto" => AutoNodeset(),
            "static" => NumaTune.Nodes,
            _ => null,
        };
    }

    private ImmutableSortedSet<int> AutoNodeset() =>
        ctx.TestHarness ? HarnessAutoNodeset : throw DomainConfigException.Unsupported("Advice from numad is needed in case of automatic numa placement");

    /// <summary>Refuses host NUMA nodes the host does not have (known only for the test harness host).</summary>
    private void CheckHostNodes(ImmutableSortedSet<int>? nodes)
    {
        if (nodes is null || !ctx.TestHarness)
        {
            return;
        }

        foreach (var n in nodes)
        {
            if (n > HarnessMaxHostNode)
            {
                throw DomainConfigException.Internal(string.Create(CultureInfo.InvariantCulture, $"Mock: no numa node set is available at bit {n}"));
            }
        }
    }

    /// <summary>
    /// Emits a backend object, preceded by a thread-context object pinned to the backend's
    /// host nodes when the backend preallocates (so preallocation threads run there).
    /// </summary>
    private void EmitBackend(QemuProps props)
    {
        if (p.Has("thread-context") && props.Items.Any(kv => kv.Key == "prealloc" && kv.Value is true)
            && props.Items.FirstOrDefault(kv => kv.Key == "host-nodes").Value is List<object> hostNodes)
        {
            var id = "tc-" + (string)props.Items.First(kv => kv.Key == "id").Value;
            var nodes = JsonObjects ? hostNodes : [.. ExpandRanges(hostNodes)];
            ObjectArg(new QemuProps().Str("qom-type", "thread-context").Str("id", id).Arr("node-affinity", nodes));
            props.Str("prealloc-context", id);
        }

        ObjectArg(props);
    }

    private static IEnumerable<object> ExpandRanges(List<object> ranges) =>
        ranges.Select(r => (object)(string)r);

    /// <summary>-numa node/dist/hmat-lb/hmat-cache and the cells' memory backends.</summary>
    private void BuildNuma()
    {
        var cells = Numa.Cells;
        if (cells.IsDefaultOrEmpty)
        {
            return;
        }

        var masterInitiator = -1;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i].Cpus is not null)
            {
                masterInitiator = i;
                break;
            }
        }

        if (masterInitiator < 0)
        {
            throw DomainConfigException.Unsupported("At least one NUMA node has to have CPUs");
        }

        var hmat = Numa.HasHmat;
        var backends = new QemuProps[cells.Length];
        var needBackend = false;
        for (var i = 0; i < cells.Length; i++)
        {
            var req = new BackendRequest("ram-node" + I(i), Layout.CellKiB[i]) { TargetNode = i };
            var (props, needed) = MemoryBackendProps(req);
            backends[i] = props;
            needBackend |= needed;
        }

        // Machines that no longer take -numa mem= need a backend per node anyway.
        if (p.Caps.FindMachine(p.Machine, p.Accel) is { NumaMemSupported: false })
        {
            needBackend = true;
        }

        if (!needBackend)
        {
            BuildMemPath();
        }

        for (var i = 0; i < cells.Length; i++)
        {
            if (needBackend)
            {
                EmitBackend(backends[i]);
            }

            var sb = new StringBuilder("node,nodeid=").Append(I(i));
            if (cells[i].Cpus is { } cpus)
            {
                foreach (var range in NodeSet.Format(cpus).Split(','))
                {
                    sb.Append(",cpus=").Append(range);
                }
            }

            if (hmat)
            {
                var initiator = cells[i].Cpus is not null ? i : Initiator(i) ?? masterInitiator;
                sb.Append(",initiator=").Append(I(initiator));
            }

            if (needBackend)
            {
                sb.Append(",memdev=ram-node").Append(I(i));
            }
            else
            {
                sb.Append(",mem=").Append((Layout.CellKiB[i] / 1024).ToString(CultureInfo.InvariantCulture));
            }

            Add("-numa", sb.ToString());
        }

        for (var i = 0; i < cells.Length; i++)
        {
            var d = cells[i].Distances;
            for (var j = 0; j < cells.Length && j < d.Length; j++)
            {
                if (d[j] != 0)
                {
                    Add("-numa", string.Create(CultureInfo.InvariantCulture, $"dist,src={i},dst={j},val={d[j]}"));
                }
            }
        }

        if (hmat)
        {
            BuildHmat();
        }
    }

    /// <summary>The initiator a memory-only cell names in &lt;interconnects&gt;, if any.</summary>
    private int? Initiator(int cell)
    {
        foreach (var ic in Numa.Interconnects)
        {
            if ((string?)ic.Attribute("target") == I(cell) && int.TryParse((string?)ic.Attribute("initiator"), NumberStyles.None, CultureInfo.InvariantCulture, out var init))
            {
                return init;
            }
        }

        return null;
    }

    // Source: libvirt 9.0 qemu_command.c qemuBuildNumaHMATCommandLine — cache levels map to
    // QEMU's hierarchy names, access types to data types, policies to write-back/write-through.
    private void BuildHmat()
    {
        foreach (var ic in Numa.Interconnects)
        {
            var kind = ic.Name.LocalName;
            var sb = new StringBuilder("hmat-lb,initiator=").Append(QemuProps.EscapeValue((string?)ic.Attribute("initiator") ?? ""))
                .Append(",target=").Append(QemuProps.EscapeValue((string?)ic.Attribute("target") ?? ""));
            var cache = (string?)ic.Attribute("cache");
            sb.Append(",hierarchy=").Append(cache switch
            {
                null => "memory",
                "1" => "first-level",
                "2" => "second-level",
                "3" => "third-level",
                _ => "memory",
            });
            var type = (string?)ic.Attribute("type") ?? "access";
            sb.Append(",data-type=").Append(QemuProps.EscapeValue(type)).Append('-').Append(kind);
            var value = (string?)ic.Attribute("value") ?? "0";
            if (kind == "latency")
            {
                sb.Append(",latency=").Append(OptionText.Unsigned(value, "HMAT latency", "-numa"));
            }
            else
            {
                var kib = MemoryBackingConfig.ScaleToKiB(ulong.Parse(OptionText.Unsigned(value, "HMAT bandwidth", "-numa"), CultureInfo.InvariantCulture), (string?)ic.Attribute("unit"));
                sb.Append(",bandwidth=").Append(kib.ToString(CultureInfo.InvariantCulture)).Append('K');
            }

            Add("-numa", sb.ToString());
        }

        for (var i = 0; i < Numa.Cells.Length; i++)
        {
            foreach (var c in Numa.Cells[i].Caches)
            {
                var size = c.Element("size");
                var sizeKiB = MemoryBackingConfig.ScaleToKiB(ulong.Parse(OptionText.Unsigned((string?)size?.Attribute("value") ?? "0", "HMAT cache size", "-numa"), CultureInfo.InvariantCulture), (string?)size?.Attribute("unit"));
                var sb = new StringBuilder("hmat-cache,node-id=").Append(I(i))
                    .Append(",size=").Append(sizeKiB.ToString(CultureInfo.InvariantCulture)).Append('K')
                    .Append(",level=").Append(QemuProps.EscapeValue((string?)c.Attribute("level") ?? ""))
                    .Append(",associativity=").Append(QemuProps.EscapeValue((string?)c.Attribute("associativity") ?? ""))
                    .Append(",policy=").Append(QemuProps.EscapeValue((string?)c.Attribute("policy") switch
                    {
                        "writeback" => "write-back",
                        "writethrough" => "write-through",
                        var other => other ?? "",
                    }));
                if (c.Element("line") is { } line)
                {
                    sb.Append(",line=").Append(OptionText.Unsigned((string?)line.Attribute("value") ?? "", "HMAT cache line size", "-numa"));
                }

                Add("-numa", sb.ToString());
            }
        }
    }

    /// <summary>Memory devices: each one's backend object and its -device.</summary>
    private void BuildMemoryDevices()
    {
        var index = 0;
        foreach (var m in MemoryDevices)
        {
            var size = Layout.DeviceKiB[index++];
            if (m.Alias is null)
            {
                continue;
            }

            if (m.Model == "sgx-epc")
            {
                // EPC sections are machine properties (sgx-epc.N.memdev); only the backend is an object.
                EmitBackend(MemoryBackendProps(new BackendRequest("mem" + m.Alias, size)
                {
                    TargetNode = m.TargetNode ?? -1,
                    SourceNodes = m.SourceNodes,
                    Model = m.Model,
                    Force = true,
                }).Props);
            }
            else
            {
                var req = new BackendRequest("mem" + m.Alias, size)
                {
                    PathName = m.Alias,
                    TargetNode = m.TargetNode ?? -1,
                    PageSizeKiB = m.PageSizeKiB,
                    SourceNodes = m.SourceNodes,
                    Access = m.Access,
                    Discard = m.Discard,
                    NvdimmPath = m.Path,
                    Pmem = m.Pmem,
                    Model = m.Model,
                    AlignKiB = m.AlignSizeKiB,
                    Force = true,
                };
                var (props, _) = MemoryBackendProps(req);
                var backendPrealloc = props.Items.Any(kv => kv.Key == "prealloc" && kv.Value is true);
                EmitBackend(props);
                Device(MemoryDeviceProps(m, "mem" + m.Alias, backendPrealloc || (m.Model == "virtio-mem" && WouldPrealloc(m))));
            }
        }
    }

    /// <summary>Whether a virtio-mem device's memory would be preallocated (it asks the device, not the backend).</summary>
    private bool WouldPrealloc(MemoryDeviceConfig m) =>
        p.Has("virtio-mem-pci.prealloc") && (Backing.Allocation == "immediate" || m.PageSizeKiB != 0 || Backing.HugePages.Any(h => h.Nodes is null || (m.TargetNode is { } n && h.Nodes.Contains(n))));

    // Source: libvirt 9.0 qemu_command.c qemuBuildMemoryDeviceProps — QEMU device per model.
    private QemuProps MemoryDeviceProps(MemoryDeviceConfig m, string memdev, bool prealloc)
    {
        var driver = m.Model switch
        {
            "dimm" => "pc-dimm",
            "nvdimm" => "nvdimm",
            "virtio-pmem" => "virtio-pmem-pci",
            "virtio-mem" => "virtio-mem-pci",
            _ => m.Model,
        };
        var props = new QemuProps().Str("driver", driver);
        if (m.TargetNode is { } node && node >= 0)
        {
            props.Num("node", node);
        }

        if (m.LabelSizeKiB > 0)
        {
            props.UNum("label-size", m.LabelSizeKiB * 1024);
        }

        if (m.BlockSizeKiB > 0)
        {
            props.UNum("block-size", m.BlockSizeKiB * 1024);
        }

        if (m.RequestedSizeKiB > 0)
        {
            props.UNum("requested-size", m.RequestedSizeKiB * 1024);
        }

        if (m.Uuid is not null)
        {
            props.Str("uuid", m.Uuid);
        }

        if (m.ReadOnly)
        {
            props.Bool("unarmed", true);
        }

        props.Str("memdev", memdev);
        if (m.Model == "virtio-mem" && prealloc && p.Has("virtio-mem-pci.prealloc"))
        {
            props.Bool("prealloc", true);
        }

        props.Str("id", m.Alias);
        if (m.UsesDimmSlot)
        {
            if (m.Slot is { } slot)
            {
                props.Num("slot", slot);
            }

            if (m.Base is { } b)
            {
                props.UNum("addr", b);
            }
        }
        else if (m.Address is not null)
        {
            AddressProps(props, new Vireo.Domain.Devices.DeviceInfo { Address = m.Address });
        }

        return props;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
}
