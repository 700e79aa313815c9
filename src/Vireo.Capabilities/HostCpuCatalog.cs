using System.Collections.Immutable;

namespace Vireo.Capabilities;

/// <summary>
/// The fake host CPUs of the conformance harness (SPEC.md §1.5): named definitions and
/// the per-arch defaults.
/// </summary>
public static class HostCpuCatalog
{
    // SPEC.md §1.5: fake host CPU definitions, features in the listed order.
    private static readonly ImmutableDictionary<string, HostCpu> Named =
        new Dictionary<string, HostCpu>(StringComparer.Ordinal)
        {
            ["core2duo"] = new()
            {
                Arch = "x86_64",
                Model = "core2duo",
                Vendor = "Intel",
                Sockets = 1,
                Cores = 2,
                Threads = 1,
                Features = ["ds", "acpi", "ss", "ht", "tm", "pbe", "ds_cpl", "vmx", "est", "tm2", "cx16", "xtpr", "lahf_lm"],
            },
            ["Haswell"] = new()
            {
                Arch = "x86_64",
                Model = "Haswell",
                Vendor = "Intel",
                Sockets = 1,
                Cores = 2,
                Threads = 2,
                Features =
                [
                    "vme", "ds", "acpi", "ss", "ht", "tm", "pbe", "dtes64", "monitor", "ds_cpl", "vmx", "smx", "est",
                    "tm2", "xtpr", "pdcm", "osxsave", "f16c", "rdrand", "cmt", "pdpe1gb", "abm", "invtsc", "lahf_lm",
                ],
            },
            ["Broadwell"] = new() { Arch = "x86_64", Model = "Broadwell", Sockets = 1, Cores = 2, Threads = 2 },
            ["POWER8"] = new() { Arch = "ppc64", Model = "POWER8", Sockets = 1, Cores = 8, Threads = 8 },
            ["POWER9"] = new() { Arch = "ppc64", Model = "POWER9", Sockets = 1, Cores = 16, Threads = 1 },
            ["POWER10"] = new() { Arch = "ppc64", Model = "POWER10", Sockets = 1, Cores = 16, Threads = 1 },
        }.ToImmutableDictionary(StringComparer.Ordinal);

    // SPEC.md §1.5: model-less host CPU definitions per arch (used by domaincaps).
    private static readonly ImmutableDictionary<string, HostCpu> ModelLess =
        new Dictionary<string, HostCpu>(StringComparer.Ordinal)
        {
            ["aarch64"] = new() { Arch = "aarch64", Sockets = 1, Cores = 4, Threads = 1 },
            ["s390x"] = new() { Arch = "s390x", Sockets = 2, Cores = 1, Threads = 1 },
            ["sparc"] = new() { Arch = "sparc", Sockets = 1, Cores = 1, Threads = 1 },
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>Names of the model-carrying definitions.</summary>
    public static IEnumerable<string> Names => Named.Keys.Order(StringComparer.Ordinal);

    /// <summary>A named fake host CPU (core2duo, Haswell, Broadwell, POWER8, POWER9, POWER10).</summary>
    /// <exception cref="CapabilitiesException">The name is unknown.</exception>
    public static HostCpu Get(string name) =>
        TryGet(name) ?? throw new CapabilitiesException($"unknown fake host CPU '{name}'");

    /// <summary>A named fake host CPU, or null.</summary>
    public static HostCpu? TryGet(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Named.TryGetValue(name, out var cpu) ? cpu : null;
    }

    /// <summary>
    /// The host CPU the harness uses for an arch: x86 (i686, x86_64) → core2duo,
    /// ppc64/ppc64le → POWER8, aarch64/s390x/sparc → a definition without a model
    /// (topology only), anything else → null.
    /// </summary>
    public static HostCpu? DefaultFor(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return arch switch
        {
            "i686" or "x86_64" => Named["core2duo"],
            "ppc64" or "ppc64le" => Named["POWER8"],
            _ => ModelLess.TryGetValue(arch, out var cpu) ? cpu : null,
        };
    }

    /// <summary>
    /// The host CPU the domain-capabilities tests use for an arch (SPEC.md §3): as
    /// <see cref="DefaultFor"/>, except that x86 gets Broadwell.
    /// </summary>
    public static HostCpu? DomainCapsDefaultFor(string arch)
    {
        ArgumentNullException.ThrowIfNull(arch);
        return arch is "i686" or "x86_64" ? Named["Broadwell"] : DefaultFor(arch);
    }
}
