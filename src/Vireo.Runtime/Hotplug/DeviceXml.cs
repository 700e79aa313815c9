using System.Xml;
using System.Xml.Linq;
using Vireo.Domain;
using Vireo.Domain.Errors;
using Vireo.Runtime.Launch;

namespace Vireo.Runtime.Hotplug;

/// <summary>Reads a device's XML (one element, as in a domain's &lt;devices&gt;) and places it into a live definition.</summary>
public static class DeviceXml
{
    /// <summary>Largest device document accepted.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Parses the device element (no DTDs, bounded size).</summary>
    /// <exception cref="DomainXmlException">Not well-formed XML.</exception>
    public static XElement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxBytes)
        {
            throw new RuntimeException(ErrorKind.InvalidArgument, $"device XML is larger than {MaxBytes} bytes");
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxBytes };
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            return XDocument.Load(reader, LoadOptions.SetLineInfo).Root
                ?? throw new RuntimeException(ErrorKind.InvalidArgument, "device XML has no element");
        }
        catch (XmlException ex)
        {
            throw new RuntimeException(ErrorKind.XmlError, $"device XML is not well-formed: {ex.Message}", ex);
        }
    }

    /// <summary>The live definition with <paramref name="device"/> appended to its devices (addresses and aliases of the others kept).</summary>
    public static DomainDefinition WithDevice(string liveXml, XElement device)
    {
        ArgumentNullException.ThrowIfNull(liveXml);
        ArgumentNullException.ThrowIfNull(device);
        var doc = XDocument.Parse(liveXml);
        var devices = doc.Root?.Element("devices");
        if (devices is null)
        {
            devices = new XElement("devices");
            doc.Root!.Add(devices);
        }

        devices.Add(new XElement(device));
        return LiveDefinition.Parse(doc.ToString(SaveOptions.DisableFormatting));
    }
}
