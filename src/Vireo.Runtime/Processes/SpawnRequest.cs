using System.Collections.Immutable;

namespace Vireo.Runtime.Processes;

/// <summary>A program to start detached: its path, arguments, complete environment and output file.</summary>
public sealed record SpawnRequest
{
    /// <summary>Absolute path of the program.</summary>
    public required string Executable { get; init; }

    /// <summary>Arguments after argv[0] (argv[0] is <see cref="Executable"/>).</summary>
    public ImmutableArray<string> Arguments { get; init; } = [];

    /// <summary>The whole environment of the new process (nothing else is inherited).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Environment { get; init; } = [];

    /// <summary>File that receives standard output and standard error, opened for appending (created 0600).</summary>
    public required string OutputPath { get; init; }

    /// <summary>Working directory of the new process.</summary>
    public string WorkingDirectory { get; init; } = "/";
}
