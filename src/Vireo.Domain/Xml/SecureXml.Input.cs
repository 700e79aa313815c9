using System.Buffers;
using System.Text;
using System.Xml;

namespace Vireo.Domain.Xml;

/// <summary>How <see cref="SecureXml.Parse"/> hands its text to the XML reader.</summary>
public static partial class SecureXml
{
    // Characters for which reading the text as UTF-8 bytes gives exactly the same characters,
    // positions and errors as reading it as text: printable ASCII, tab, line feed and carriage
    // return. Anything else (control characters, non-ASCII) takes the text path, so any error
    // message about such a character stays the text reader's.
    private static readonly SearchValues<char> PlainAscii =
        SearchValues.Create("\t\n\r !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>
    /// A reader over <paramref name="text"/>. Over a <see cref="TextReader"/>, .NET's XML reader
    /// always allocates a 4097-character buffer (8 KB), whatever the size of the text; over a
    /// seekable stream it sizes its buffers from the stream's length. A small domain is a few
    /// hundred ASCII characters, so plain-ASCII text whose XML declaration (if any) names no
    /// encoding other than UTF-8 is read from its UTF-8 bytes: the same characters, the same
    /// line and column numbers, about 7 KB less per parse. Any other text is read as text,
    /// as before (a stream would honour a declared encoding that the text path ignores).
    /// </summary>
    private static XmlReader CreateReader(string text, XmlReaderSettings settings)
    {
        if (text.AsSpan().IndexOfAnyExcept(PlainAscii) < 0 && DeclaresOnlyUtf8(text))
        {
            var bytes = Encoding.ASCII.GetBytes(text);
            return XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
        }

        return XmlReader.Create(new StringReader(text), settings);
    }

    /// <summary>True when the text has no XML declaration, or one without an encoding or with <c>encoding="UTF-8"</c>.</summary>
    private static bool DeclaresOnlyUtf8(string text)
    {
        if (!text.StartsWith("<?xml", StringComparison.Ordinal))
        {
            return true;
        }

        var end = text.IndexOf("?>", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var declaration = text.AsSpan(0, end);
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return true;
        }

        var rest = declaration[(at + "encoding".Length)..];
        return (rest.StartsWith("=\"utf-8\"", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("='utf-8'", StringComparison.OrdinalIgnoreCase))
            && rest[1..].IndexOf("encoding", StringComparison.Ordinal) < 0;
    }
}
