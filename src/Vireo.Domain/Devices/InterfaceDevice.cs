using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>
/// A network interface (<c>&lt;interface&gt;</c>): its host side (type and source), the guest NIC
/// (model, MAC, virtio driver options) and the settings libvirt passes through unchanged
/// (bandwidth, VLAN, virtual port, filter...), which are kept verbatim.
/// </summary>
public sealed record InterfaceDevice : DomainDevice
{
    /// <summary>user, network, bridge, ethernet, direct, vhostuser, hostdev, server, client, mcast, udp, vdpa, null, internal, vds.</summary>
    public required string Type { get; init; }

    /// <summary>managed='yes|no' (type hostdev).</summary>
    public string? Managed { get; init; }

    public string? TrustGuestRxFilters { get; init; }

    /// <summary>MAC address as written (null until generated).</summary>
    public string? Mac { get; init; }

    /// <summary>&lt;mac type='generated|static'/&gt;.</summary>
    public string? MacType { get; init; }

    public string? MacCheck { get; init; }

    /// <summary>The host side: what &lt;source&gt; says.</summary>
    public InterfaceSource Source { get; init; } = new();

    /// <summary>&lt;vlan&gt;, verbatim.</summary>
    public XElement? Vlan { get; init; }

    /// <summary>&lt;virtualport&gt;, verbatim.</summary>
    public XElement? VirtualPort { get; init; }

    /// <summary>&lt;bandwidth&gt;, verbatim.</summary>
    public XElement? Bandwidth { get; init; }

    /// <summary>&lt;port isolated=''/&gt;, verbatim.</summary>
    public XElement? Port { get; init; }

    /// <summary>Guest-side &lt;ip&gt; and &lt;route&gt; elements, verbatim, in order.</summary>
    public ImmutableArray<XElement> GuestIp { get; init; } = [];

    /// <summary>&lt;portForward&gt; elements (passt), verbatim.</summary>
    public ImmutableArray<XElement> PortForwards { get; init; } = [];

    public string? Script { get; init; }

    public string? Downscript { get; init; }

    public string? BackendDomain { get; init; }

    /// <summary>Host-side device name (&lt;target dev=''/&gt;).</summary>
    public string? TargetDev { get; init; }

    /// <summary>&lt;target managed='no'/&gt;: the tap exists and libvirt does not create it.</summary>
    public string? TargetManaged { get; init; }

    public string? GuestDev { get; init; }

    public string? GuestActual { get; init; }

    /// <summary>NIC model (canonical spelling for models libvirt knows; null until defaulted).</summary>
    public string? Model { get; init; }

    /// <summary>&lt;driver&gt; settings.</summary>
    public InterfaceDriver Driver { get; init; } = new();

    /// <summary>&lt;backend type= logFile= tap= vhost=/&gt;.</summary>
    public string? BackendType { get; init; }

    public string? BackendLogFile { get; init; }

    public string? BackendTap { get; init; }

    public string? BackendVhost { get; init; }

    /// <summary>&lt;filterref&gt;, verbatim.</summary>
    public XElement? FilterRef { get; init; }

    /// <summary>&lt;tune&gt; (sndbuf), verbatim.</summary>
    public XElement? Tune { get; init; }

    /// <summary>Socket send buffer size from &lt;tune&gt;&lt;sndbuf&gt;.</summary>
    public ulong? SndBuf { get; init; }

    /// <summary>&lt;teaming type='persistent|transient' persistent='alias'/&gt;.</summary>
    public string? TeamingType { get; init; }

    public string? TeamingPersistent { get; init; }

    public string? LinkState { get; init; }

    public uint? Mtu { get; init; }

    /// <summary>Receive coalescing: max frames (0 = not set).</summary>
    public uint? CoalesceRxMaxFrames { get; init; }

    /// <summary>Children Vireo does not know, verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "interface";

    /// <summary>True for the virtio NIC models.</summary>
    public bool IsVirtio => Model is "virtio" or "virtio-transitional" or "virtio-non-transitional";
}

/// <summary>The &lt;source&gt; of an interface; which fields matter depends on the interface type.</summary>
public sealed record InterfaceSource
{
    /// <summary>network: network name.</summary>
    public string? Network { get; init; }

    public string? Portgroup { get; init; }

    public string? PortId { get; init; }

    /// <summary>bridge: bridge name.</summary>
    public string? Bridge { get; init; }

    /// <summary>direct: host link device; vdpa: device path; user (passt): host interface.</summary>
    public string? Dev { get; init; }

    /// <summary>direct: macvtap mode; vhostuser: server|client.</summary>
    public string? Mode { get; init; }

    /// <summary>server/client/mcast/udp: address.</summary>
    public string? Address { get; init; }

    /// <summary>server/client/mcast/udp: port.</summary>
    public int? Port { get; init; }

    /// <summary>udp: &lt;local address=''/&gt;.</summary>
    public string? LocalAddress { get; init; }

    public int? LocalPort { get; init; }

    /// <summary>vhostuser: socket type (unix).</summary>
    public string? SocketType { get; init; }

    /// <summary>vhostuser: socket path.</summary>
    public string? Path { get; init; }

    /// <summary>vhostuser: &lt;reconnect&gt;, verbatim.</summary>
    public XElement? Reconnect { get; init; }

    /// <summary>internal: name.</summary>
    public string? Name { get; init; }

    /// <summary>hostdev: the host PCI device.</summary>
    public PciAddress? HostdevPci { get; init; }

    /// <summary>hostdev: the whole &lt;source&gt; when it is not a plain PCI address (USB...), verbatim.</summary>
    public XElement? HostdevSource { get; init; }

    /// <summary>Host-side &lt;ip&gt;/&lt;route&gt; inside &lt;source&gt;, verbatim.</summary>
    public ImmutableArray<XElement> HostIp { get; init; } = [];
}

/// <summary>The &lt;driver&gt; of an interface: backend choice, queues and virtio-net tuning.</summary>
public sealed record InterfaceDriver
{
    /// <summary>qemu or vhost (virtio); vfio, kvm or xen (hostdev).</summary>
    public string? Name { get; init; }

    public string? TxMode { get; init; }

    public string? IoEventFd { get; init; }

    public string? EventIdx { get; init; }

    public uint? Queues { get; init; }

    public uint? RxQueueSize { get; init; }

    public uint? TxQueueSize { get; init; }

    public string? Rss { get; init; }

    public string? RssHashReport { get; init; }

    public VirtioOptions Virtio { get; init; } = new();

    /// <summary>&lt;host csum= gso= tso4= tso6= ecn= ufo= mrg_rxbuf=/&gt; as (name, on|off) pairs.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Host { get; init; } = [];

    /// <summary>&lt;guest csum= tso4= tso6= ecn= ufo=/&gt; as (name, on|off) pairs.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Guest { get; init; } = [];

    /// <summary>True when nothing is set.</summary>
    public bool IsEmpty => Name is null && TxMode is null && IoEventFd is null && EventIdx is null && Queues is null
        && RxQueueSize is null && TxQueueSize is null && Rss is null && RssHashReport is null && Virtio.IsEmpty
        && Host.IsDefaultOrEmpty && Guest.IsDefaultOrEmpty;
}
