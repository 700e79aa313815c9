using System.Xml.Linq;
using Vireo.Domain.Devices;

namespace Vireo.Domain.Os;

/// <summary>The <c>&lt;nvram&gt;</c> element (UEFI variable store).</summary>
public sealed record NvramConfig
{
    public string? Path { get; init; }

    public string? Template { get; init; }

    public string? Format { get; init; }

    /// <summary>A network/file &lt;source&gt; child, verbatim.</summary>
    public XElement? Source { get; init; }

    public string? Type { get; init; }

    /// <summary>The typed store of &lt;source&gt; when the element has a type (file, block, network).</summary>
    public StorageSource? Storage { get; init; }
}
