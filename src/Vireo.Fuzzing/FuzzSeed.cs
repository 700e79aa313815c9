namespace Vireo.Fuzzing;

/// <summary>One seed input: a domain XML file's name and bytes.</summary>
/// <param name="Name">The file name (no directory).</param>
/// <param name="Bytes">The file's content.</param>
public sealed record FuzzSeed(string Name, byte[] Bytes);
