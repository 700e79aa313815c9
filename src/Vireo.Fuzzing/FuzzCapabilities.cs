using System.Collections.Immutable;
using Vireo.Capabilities;
using Vireo.Capabilities.Snapshots;
using Vireo.Qemu.Platform;

namespace Vireo.Fuzzing;

/// <summary>
/// The capabilities inputs run against, as the CLI would pick them: the snapshots Vireo
/// embeds (the default of <c>xml2argv</c>/<c>xml2xml</c>) and, when the corpus is present,
/// its caps files (what <c>--caps FILE</c> gives). A domain gets one whose arch is in its
/// arch's family (the CLI refuses the others); <c>variant</c> picks which. Each caps file is
/// read once, on first use, into the host the CLI builds for it
/// (<see cref="HostInfoFactory.SingleBinaryHost"/>); thread-safe.
/// </summary>
public sealed class FuzzCapabilities
{
    private readonly ImmutableArray<Source> _sources;

    private FuzzCapabilities(ImmutableArray<Source> sources) => _sources = sources;

    /// <summary>The names of the capability sources (e.g. <c>embedded x86_64</c>, <c>caps_8.0.0.x86_64.xml</c>).</summary>
    public ImmutableArray<string> Names => [.. _sources.Select(s => s.Name)];

    /// <summary>The most sources any one arch family has (run every variant below this to cover all).</summary>
    public int MaxVariants => _sources.IsEmpty ? 0 : _sources.GroupBy(s => Machine.Family(s.Arch)).Max(g => g.Count());

    /// <summary>The embedded snapshots, plus the corpus's caps files when <paramref name="corpusDir"/> is given.</summary>
    public static FuzzCapabilities Create(string? corpusDir)
    {
        var sources = ImmutableArray.CreateBuilder<Source>();
        foreach (var arch in EmbeddedSnapshots.Arches)
        {
            sources.Add(new Source("embedded " + arch, arch, new Lazy<HostInfo>(() => HostInfoFactory.SingleBinaryHost(EmbeddedSnapshots.For(arch)!))));
        }

        var capsDir = corpusDir is null ? null : Path.Combine(corpusDir, "tests", "qemucapabilitiesdata");
        if (capsDir is not null && Directory.Exists(capsDir))
        {
            foreach (var file in Directory.EnumerateFiles(capsDir, "caps_*.xml").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (CapsFileIndex.TryParseFileName(name, out _, out var arch))
                {
                    sources.Add(new Source(name, arch, new Lazy<HostInfo>(() => HostInfoFactory.SingleBinaryHost(LibvirtCapsXml.Load(file)))));
                }
            }
        }

        return new FuzzCapabilities(sources.ToImmutable());
    }

    /// <summary>The host for a domain of <paramref name="arch"/> (null: x86_64), or null when no source serves its family.</summary>
    public HostInfo? HostFor(string? arch, long variant)
    {
        var family = Machine.Family(arch ?? "x86_64");
        var candidates = _sources.Where(s => Machine.Family(s.Arch) == family).ToList();
        if (candidates.Count == 0)
        {
            return null;
        }

        var index = (int)((ulong)variant % (ulong)candidates.Count);
        return candidates[index].Host.Value;
    }


    private sealed record Source(string Name, string Arch, Lazy<HostInfo> Host);
}
