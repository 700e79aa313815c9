using System.Xml.Linq;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>
/// libvirt's QEMU namespace (<c>&lt;qemu:commandline&gt;</c>, capabilities, overrides,
/// deprecation): whatever prefix the input used, the elements are gathered into one of each
/// kind, in libvirt's order (qemu_domain.c qemuDomainDefNamespaceParse/Format).
/// </summary>
public static partial class DomainXmlParser
{
    /// <summary>The QEMU namespace URI; libvirt always writes it with the prefix <c>qemu</c>.</summary>
    public static readonly XNamespace QemuNamespace = "http://libvirt.org/schemas/domain/qemu/1.0";

    private static IEnumerable<XElement> CanonicalQemuNamespace(IEnumerable<XElement> elements)
    {
        var ns = QemuNamespace;
        var list = elements.ToList();
        var args = new List<XElement>();
        var envs = new List<XElement>();
        foreach (var cl in list.Where(e => e.Name == ns + "commandline"))
        {
            foreach (var arg in cl.Elements(ns + "arg"))
            {
                var value = Attr(arg, "value") ?? throw Error(arg, "No qemu command-line argument specified");
                args.Add(new XElement(ns + "arg", new XAttribute("value", value)));
            }

            foreach (var env in cl.Elements(ns + "env"))
            {
                var name = Attr(env, "name") ?? throw Error(env, "No qemu environment name specified");
                if (name.Length == 0 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                {
                    throw Error(env, "Invalid environment name, it must begin with a letter or underscore");
                }

                var el = new XElement(ns + "env", new XAttribute("name", name));
                if (Attr(env, "value") is { } value)
                {
                    el.Add(new XAttribute("value", value));
                }

                envs.Add(el);
            }
        }

        if (args.Count + envs.Count > 0)
        {
            yield return new XElement(ns + "commandline", args, envs);
        }

        var adds = new List<XElement>();
        var dels = new List<XElement>();
        foreach (var caps in list.Where(e => e.Name == ns + "capabilities"))
        {
            adds.AddRange(caps.Elements(ns + "add").Select(a => new XElement(ns + "add", new XAttribute("capability", Attr(a, "capability") ?? ""))));
            dels.AddRange(caps.Elements(ns + "del").Select(d => new XElement(ns + "del", new XAttribute("capability", Attr(d, "capability") ?? ""))));
        }

        if (adds.Count + dels.Count > 0)
        {
            yield return new XElement(ns + "capabilities", adds, dels);
        }

        foreach (var o in list.Where(e => e.Name == ns + "override"))
        {
            yield return Requalify(o, ns);
        }

        if (list.LastOrDefault(e => e.Name == ns + "deprecation") is { } dep)
        {
            yield return new XElement(ns + "deprecation", new XAttribute("behavior", Attr(dep, "behavior") ?? "none"));
        }
    }

    /// <summary>A copy in namespace <paramref name="ns"/> without namespace declarations or blank text.</summary>
    private static XElement Requalify(XElement e, XNamespace ns)
    {
        var copy = new XElement(ns + e.Name.LocalName, e.Attributes().Where(a => !a.IsNamespaceDeclaration).Select(a => new XAttribute(a.Name.LocalName, a.Value)));
        foreach (var n in e.Nodes())
        {
            switch (n)
            {
                case XElement c:
                    copy.Add(Requalify(c, ns));
                    break;
                case XText t when !e.HasElements || !string.IsNullOrWhiteSpace(t.Value):
                    copy.Add(new XText(t.Value));
                    break;
            }
        }

        return copy;
    }
}
