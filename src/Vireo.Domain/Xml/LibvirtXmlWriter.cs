using System.Text;
using System.Xml.Linq;

namespace Vireo.Domain.Xml;

/// <summary>
/// Serialises an element tree the way libvirt writes XML: two-space indentation,
/// single-quoted attributes, empty elements self-closed, and libvirt's escaping.
/// Elements in a foreign namespace (metadata) are written as libxml2 dumps them:
/// double-quoted attributes with namespace declarations.
/// </summary>
public static class LibvirtXmlWriter
{
    /// <summary>Writes <paramref name="element"/> at the given indentation level, ending with a newline.</summary>
    public static void Write(StringBuilder sb, XElement element, int indent)
    {
        var foreign = element.Name.NamespaceName.Length != 0;
        Write(sb, element, indent, foreign);
    }

    /// <summary>Formats a whole element as a string, ending with a newline.</summary>
    public static string ToText(XElement element)
    {
        var sb = new StringBuilder();
        Write(sb, element, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, XElement e, int indent, bool libxmlStyle)
    {
        sb.Append(' ', indent * 2);
        sb.Append('<');
        AppendName(sb, e);
        var quote = libxmlStyle ? '"' : '\'';
        foreach (var a in e.Attributes())
        {
            sb.Append(' ');
            if (a.IsNamespaceDeclaration)
            {
                sb.Append(a.Name.NamespaceName.Length == 0 ? "xmlns" : "xmlns:" + a.Name.LocalName);
            }
            else
            {
                var prefix = a.Name.NamespaceName.Length == 0 ? null : e.GetPrefixOfNamespace(a.Name.Namespace);
                if (prefix is not null)
                {
                    sb.Append(prefix).Append(':');
                }

                sb.Append(a.Name.LocalName);
            }

            sb.Append('=').Append(quote);
            Escape(sb, a.Value, libxmlStyle, attribute: true);
            sb.Append(quote);
        }

        if (!e.HasElements)
        {
            var text = e.Value;
            if (text.Length == 0 && e.IsEmpty)
            {
                sb.Append("/>\n");
                return;
            }

            if (text.Length == 0)
            {
                sb.Append("/>\n");
                return;
            }

            sb.Append('>');
            Escape(sb, text, libxmlStyle, attribute: false);
            sb.Append("</");
            AppendName(sb, e);
            sb.Append(">\n");
            return;
        }

        sb.Append(">\n");
        foreach (var child in e.Elements())
        {
            Write(sb, child, indent + 1, libxmlStyle || child.Name.NamespaceName.Length != 0);
        }

        sb.Append(' ', indent * 2);
        sb.Append("</");
        AppendName(sb, e);
        sb.Append(">\n");
    }

    private static void AppendName(StringBuilder sb, XElement e)
    {
        if (e.Name.NamespaceName.Length != 0)
        {
            var prefix = e.GetPrefixOfNamespace(e.Name.Namespace);
            if (!string.IsNullOrEmpty(prefix))
            {
                sb.Append(prefix).Append(':');
            }
        }

        sb.Append(e.Name.LocalName);
    }

    /// <summary>Escapes text as libvirt (or libxml2, for foreign elements) does.</summary>
    public static void Escape(StringBuilder sb, string s, bool libxmlStyle, bool attribute)
    {
        foreach (var c in s)
        {
            switch (c)
            {
                case '<':
                    sb.Append("&lt;");
                    break;
                case '>':
                    sb.Append("&gt;");
                    break;
                case '&':
                    sb.Append("&amp;");
                    break;
                case '\'' when !libxmlStyle:
                    sb.Append("&apos;");
                    break;
                case '"' when !libxmlStyle || attribute:
                    sb.Append("&quot;");
                    break;
                case '\n' when libxmlStyle && attribute:
                    sb.Append("&#10;");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
    }
}
