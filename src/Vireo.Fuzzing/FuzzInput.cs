namespace Vireo.Fuzzing;

/// <summary>One generated input: its index in the run, the seed it grew from, its bytes and the mutations applied.</summary>
/// <param name="Index">The input's index; with the run seed it regenerates the input.</param>
/// <param name="SeedName">The seed's file name.</param>
/// <param name="Bytes">The input (UTF-8 text, or not).</param>
/// <param name="Mutations">The mutations, in order, separated by "; ".</param>
public sealed record FuzzInput(long Index, string SeedName, byte[] Bytes, string Mutations);
