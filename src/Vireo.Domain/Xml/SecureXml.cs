using System.Text;
using System.Xml;
using System.Xml.Linq;
using Vireo.Domain.Errors;

namespace Vireo.Domain.Xml;

/// <summary>
/// Loads untrusted XML: no DTDs, no external entities, bounded size and depth,
/// strict UTF-8. Every failure is a <see cref="DomainXmlException"/> with a line number.
/// </summary>
public static class SecureXml
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads a file into text, refusing it if it is larger than <paramref name="maxBytes"/> or not valid UTF-8.</summary>
    public static string ReadFileText(string path, long maxBytes)
    {
        FileInfo info;
        try
        {
            info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new DomainXmlException($"cannot read '{path}': no such file");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new DomainXmlException($"cannot read '{path}': {e.Message}", inner: e);
        }

        if (info.Length > maxBytes)
        {
            throw new DomainXmlException($"'{path}' is {info.Length} bytes, over the {maxBytes}-byte limit for domain XML");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DomainXmlException($"cannot read '{path}': {e.Message}", inner: e);
        }

        if (bytes.Length > maxBytes)
        {
            throw new DomainXmlException($"'{path}' is over the {maxBytes}-byte limit for domain XML");
        }

        return DecodeUtf8(bytes);
    }

    /// <summary>Decodes bytes as strict UTF-8 (a BOM is allowed and dropped).</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
        {
            bytes = bytes[3..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new DomainXmlException($"input is not valid UTF-8 (bad byte at offset {e.Index})", inner: e);
        }
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
            using var sr = new StringReader(text);
            using var reader = XmlReader.Create(sr, settings);
            var depthChecked = new DepthLimitingReader(reader, maxDepth);
            return XDocument.Load(depthChecked, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e)
        {
            var msg = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase)
                ? "DTDs and entity declarations are not allowed in domain XML"
                : "malformed XML: " + e.Message;
            throw new DomainXmlException(msg, line: e.LineNumber == 0 ? null : e.LineNumber, inner: e);
        }
    }

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
