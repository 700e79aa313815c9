using System.Collections.Immutable;

namespace Vireo.Qemu.CommandLine;

/// <summary>
/// The finished QEMU invocation: environment, emulator path and argument list,
/// in order. Renderers turn it into libvirt's <c>.args</c> text, a JSON argv, or a
/// real process start (always an argument list, never a shell string).
/// </summary>
public sealed record QemuCommandLine(
    ImmutableArray<KeyValuePair<string, string>> Environment,
    string Emulator,
    ImmutableArray<string> Arguments);
