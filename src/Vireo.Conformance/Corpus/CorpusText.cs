namespace Vireo.Conformance.Corpus;

/// <summary>
/// Reads expected files the way libvirt's harness does (SPEC §1.8): <c>.args</c> raw;
/// <c>.err</c> and <c>.xml</c> with backslash-newline continuations joined, and the
/// actual text given the expected file's trailing newline when it lacks one.
/// </summary>
public static class CorpusText
{
    /// <summary>Reads a file raw (through symlinks), as <c>.args</c> files are compared.</summary>
    public static string ReadRaw(string path) => File.ReadAllText(path);

    /// <summary>Reads a file with <c>virTestLoadFile</c> semantics: a backslash immediately before a newline joins the two lines.</summary>
    public static string ReadJoined(string path) => JoinContinuations(File.ReadAllText(path));

    /// <summary>Removes every backslash-newline pair.</summary>
    public static string JoinContinuations(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains("\\\n", StringComparison.Ordinal) ? text.Replace("\\\n", "", StringComparison.Ordinal) : text;
    }

    /// <summary>If <paramref name="expected"/> ends with a newline and <paramref name="actual"/> does not, appends one to the actual text.</summary>
    public static string AlignTrailingNewline(string actual, string expected)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        return expected.EndsWith('\n') && !actual.EndsWith('\n') ? actual + "\n" : actual;
    }
}
