namespace Vireo.Qemu.Tests.Injection;

/// <summary>One argv option as QEMU reads it: its name and its (key, value) pairs in order.</summary>
/// <param name="Option">The option (<c>-chardev</c>), or the emulator/stray value for a value without an option.</param>
/// <param name="Syntax">How the value was read: json, keyval, cpu, global, raw or none.</param>
/// <param name="Pairs">The keys and values; nested JSON keys are joined with '.', array items indexed.</param>
internal sealed record ParsedOption(string Option, string Syntax, IReadOnlyList<KeyValuePair<string, string>> Pairs);
