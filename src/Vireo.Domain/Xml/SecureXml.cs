using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using System.Xml;
using System.Xml.Linq;
using Vireo.Domain.Errors;

namespace Vireo.Domain.Xml;

/// <summary>
/// Loads untrusted XML: no DTDs, no external entities, bounded size and depth,
/// strict UTF-8. Every failure is a <see cref="DomainXmlException"/> with a line number.
/// </summary>
public static partial class SecureXml
{
    /// <summary>
    /// Reads a file into text, refusing it if it is larger than <paramref name="maxBytes"/> or
    /// not valid UTF-8. The read stops one byte past the limit, so a file that grows, a FIFO,
    /// <c>/dev/stdin</c> or an endless device such as <c>/dev/zero</c> is refused by size
    /// without being read into memory.
    /// </summary>
    public static string ReadFileText(string path, long maxBytes)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new DomainXmlException(Directory.Exists(path) ? $"cannot read '{path}': it is a directory" : $"cannot read '{path}': no such file");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DomainXmlException($"cannot read '{path}': {e.Message}", inner: e);
        }

        // A regular file says its size: refuse it before opening. Devices and FIFOs say 0.
        if (info.Length > maxBytes)
        {
            throw new DomainXmlException($"'{path}' is {info.Length} bytes, over the {maxBytes}-byte limit for domain XML");
        }

        byte[] bytes;
        try
        {
            bytes = ReadAtMost(path, maxBytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new DomainXmlException($"cannot read '{path}': {e.Message}", inner: e);
        }

        return DecodeUtf8(bytes);
    }

    /// <summary>Reads a stream (standard input, a pipe) as domain XML text, refusing it past <paramref name="maxBytes"/>.</summary>
    public static string ReadStreamText(Stream stream, long maxBytes, string name = "standard input")
    {
        byte[] bytes;
        try
        {
            bytes = ReadAtMost(stream, maxBytes, name);
        }
        catch (IOException e)
        {
            throw new DomainXmlException($"cannot read {name}: {e.Message}", inner: e);
        }

        return DecodeUtf8(bytes);
    }

    private static byte[] ReadAtMost(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan);
        return ReadAtMost(stream, maxBytes, "'" + path + "'");
    }

    private static byte[] ReadAtMost(Stream stream, long maxBytes, string name)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        long total = 0;
        int n;
        while ((n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - total))) > 0)
        {
            total += n;
            if (total > maxBytes)
            {
                throw new DomainXmlException($"{name} is over the {maxBytes}-byte limit for domain XML");
            }

            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Decodes bytes as strict UTF-8 (a BOM is allowed and dropped). The first invalid
    /// sequence is reported with its line, column and byte offset.
    /// </summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var body = bytes[bom..];
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false, isFinalBlock: true);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        // Line and column of the bad byte: count line feeds before it, and characters since the last one.
        var before = body[..read];
        var line = 1 + before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = 1 + Encoding.UTF8.GetCharCount(before[lineStart..]);
        var offset = bom + read;
        throw new DomainXmlException(
            string.Create(CultureInfo.InvariantCulture, $"input is not valid UTF-8: byte 0x{body[read]:X2} at line {line}, column {column} (offset {offset})"),
            line: line);
    }

    /// <summary>Parses XML text into a document with line information.</summary>
    public static XDocument Parse(string text, long maxChars, int maxDepth)
    {
        if (text.Length > maxChars)
        {
            throw new DomainXmlException($"document is {text.Length} characters, over the {maxChars} limit");
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = maxChars + 1,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };

        try
        {
            using var reader = CreateReader(text, settings);
            var depthChecked = new DepthLimitingReader(reader, maxDepth);
            return XDocument.Load(depthChecked, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            if (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
            {
                // The reader stops at the DOCTYPE without a position; point at it.
                throw new DomainXmlException("DTDs and entity declarations are not allowed in domain XML", line: LineOfText(text, "<!DOCTYPE") ?? (e.LineNumber == 0 ? null : e.LineNumber), inner: e);
            }

            var msg = TrailingPosition().Replace(e.Message, string.Empty).TrimEnd('.');
            if (e.LinePosition > 0)
            {
                msg += string.Create(CultureInfo.InvariantCulture, $" (column {e.LinePosition})");
            }

            throw new DomainXmlException("malformed XML: " + msg, line: e.LineNumber == 0 ? null : e.LineNumber, inner: e);
        }
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="marker"/>, or null.</summary>
    private static int? LineOfText(string text, string marker)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : 1 + text.AsSpan(0, at).Count('\n');
    }

    /// <summary>The " Line N, position M." that .NET appends to its XML messages; Vireo reports the line itself.</summary>
    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingPosition();

    /// <summary>A short path to an element, e.g. <c>/domain/devices/video[2]/model</c>, for error messages.</summary>
    public static string PathOf(XElement element)
    {
        var parts = new Stack<string>();
        for (var e = element; e is not null; e = e.Parent)
        {
            var name = e.Name.LocalName;
            var index = 1;
            var total = 0;
            if (e.Parent is not null)
            {
                foreach (var sib in e.Parent.Elements(e.Name))
                {
                    total++;
                    if (sib == e)
                    {
                        index = total;
                    }
                }
            }

            parts.Push(total > 1 ? $"{name}[{index}]" : name);
        }

        return "/" + string.Join('/', parts);
    }

    /// <summary>The line of an element, when known.</summary>
    public static int? LineOf(XObject node) => node is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : null;
}
