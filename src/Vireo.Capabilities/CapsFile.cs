namespace Vireo.Capabilities;

/// <summary>One <c>caps_X.Y.Z.ARCH.xml</c> file of a capabilities directory.</summary>
/// <param name="Path">Full path of the file.</param>
/// <param name="VersionText">The version as written in the name, e.g. <c>8.0.0</c>.</param>
/// <param name="Version">The version as X*1_000_000 + Y*1_000 + Z.</param>
/// <param name="Arch">The architecture part of the name.</param>
public sealed record CapsFile(string Path, string VersionText, int Version, string Arch);
