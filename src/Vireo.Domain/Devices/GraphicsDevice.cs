using System.Collections.Immutable;
using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;graphics&gt;</c> device: how the guest's display is shown remotely or locally.</summary>
public sealed record GraphicsDevice : DomainDevice
{
    /// <summary>sdl, vnc, rdp, desktop, spice, egl-headless, dbus.</summary>
    public required string Type { get; init; }

    /// <summary>vnc/spice port; -1 with autoport.</summary>
    public int? Port { get; init; }

    public int? TlsPort { get; init; }

    /// <summary>autoport yes/no (null = not given).</summary>
    public bool? AutoPort { get; init; }

    public int? WebSocket { get; init; }

    public bool WebSocketGenerated { get; init; }

    public string? Keymap { get; init; }

    public string? SharePolicy { get; init; }

    public string? PowerControl { get; init; }

    public string? Passwd { get; init; }

    public string? PasswdValidTo { get; init; }

    public string? Connected { get; init; }

    public string? DefaultMode { get; init; }

    /// <summary>sdl: display, xauth, fullscreen.</summary>
    public string? Display { get; init; }

    public string? XAuth { get; init; }

    public bool FullScreen { get; init; }

    /// <summary>dbus: p2p, address.</summary>
    public bool P2p { get; init; }

    public string? DbusAddress { get; init; }

    /// <summary>&lt;gl enable='yes|no' rendernode='...'/&gt; (spice, sdl, egl-headless, dbus).</summary>
    public string? GlEnable { get; init; }

    public string? GlRendernode { get; init; }

    /// <summary>&lt;audio id='N'/&gt; reference.</summary>
    public int? AudioId { get; init; }

    public ImmutableArray<GraphicsListen> Listens { get; init; } = [];

    /// <summary>Spice children (channel, image, jpeg, zlib, playback, streaming, clipboard, mouse, filetransfer), verbatim.</summary>
    public ImmutableArray<XElement> SpiceChildren { get; init; } = [];

    /// <summary>Children not modelled, verbatim.</summary>
    public ImmutableArray<XElement> Extras { get; init; } = [];

    /// <inheritdoc/>
    public override string ElementName => "graphics";

    /// <summary>The first listen, if any.</summary>
    public GraphicsListen? FirstListen => Listens.IsDefaultOrEmpty ? null : Listens[0];

    /// <summary>True when OpenGL is enabled (&lt;gl enable='yes'&gt;, or egl-headless which always is).</summary>
    public bool HasGl => Type == "egl-headless" || GlEnable == "yes";
}
