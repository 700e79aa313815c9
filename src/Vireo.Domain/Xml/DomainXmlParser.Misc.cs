using System.Globalization;
using System.Xml.Linq;
using Vireo.Domain.Devices;
using static Vireo.Domain.Xml.XmlRead;

namespace Vireo.Domain.Xml;

/// <summary>Parsing of smartcards, TPMs, RNGs, watchdogs, panic notifiers, shared memory and vsock.</summary>
public static partial class DomainXmlParser
{
    private static readonly string[] ChardevSourceTypes =
        ["null", "vc", "pty", "dev", "file", "pipe", "stdio", "udp", "tcp", "unix", "spicevmc", "spiceport", "nmdm", "qemu-vdagent", "dbus"];

    private static SmartcardDevice ParseSmartcard(XElement el)
    {
        var mode = Enum(el, "mode", ["host", "host-certificates", "passthrough"]) ?? throw Error(el, "missing smartcard device mode");
        if (mode == "passthrough")
        {
            return new SmartcardDevice
            {
                Mode = mode,
                SourceType = Enum(el, "type", ChardevSourceTypes) ?? throw Error(el, "passthrough mode requires a character device type attribute"),
                Sources = [.. el.Elements("source").Select(Clean)],
                Protocol = el.Element("protocol") is { } proto ? Attr(proto, "type") : null,
            };
        }

        var certs = el.Elements("certificate").Select(c => c.Value).ToList();
        if (mode == "host-certificates" && certs.Count != 3)
        {
            throw Error(el, "host-certificates mode needs exactly three certificates");
        }

        return new SmartcardDevice
        {
            Mode = mode,
            Certificates = [.. certs],
            Database = el.Element("database")?.Value,
        };
    }

    private static TpmDevice ParseTpm(XElement el)
    {
        var backend = el.Element("backend") ?? throw Error(el, "missing TPM device backend");
        var type = Enum(backend, "type", ["passthrough", "emulator", "external"]) ?? throw Error(backend, "missing TPM device backend type");
        return new TpmDevice
        {
            Model = Enum(el, "model", ["tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy"]),
            BackendType = type,
            DevicePath = backend.Element("device") is { } dev ? Attr(dev, "path") : null,
            SourcePath = backend.Element("source") is { } src ? Attr(src, "path") : null,
            Version = Enum(backend, "version", ["1.2", "2.0"]),
            Backend = Clean(backend),
        };
    }

    private static RngDevice ParseRng(XElement el)
    {
        var backend = el.Element("backend") ?? throw Error(el, "missing RNG device backend");
        var backendModel = Enum(backend, "model", ["random", "egd", "builtin"]) ?? throw Error(backend, "missing RNG device backend model");
        var rate = el.Element("rate");
        var text = backend.Value.Trim();
        return new RngDevice
        {
            Model = Enum(el, "model", ["virtio", "virtio-transitional", "virtio-non-transitional"]) ?? throw Error(el, "missing RNG device model"),
            BackendModel = backendModel,
            RandomPath = backendModel == "random" && text.Length > 0 ? text : null,
            BackendType = backendModel == "egd" ? Enum(backend, "type", ChardevSourceTypes) ?? throw Error(backend, "missing EGD backend type") : null,
            Sources = [.. backend.Elements("source").Select(Clean)],
            Protocol = backend.Element("protocol") is { } proto ? Attr(proto, "type") : null,
            RateBytes = rate is null ? null : ULong(rate, "bytes"),
            RatePeriod = rate is null ? null : ULong(rate, "period"),
            Virtio = ParseVirtio(el.Element("driver")),
            Element = StripInfo(el),
        };
    }

    private static WatchdogDevice ParseWatchdog(XElement el) => new()
    {
        Model = Enum(el, "model", ["i6300esb", "ib700", "diag288"]) ?? throw Error(el, "missing watchdog model"),
        Action = Enum(el, "action", ["reset", "shutdown", "poweroff", "pause", "dump", "none", "inject-nmi"]),
    };

    private static PanicDevice ParsePanic(XElement el) => new()
    {
        Model = Enum(el, "model", ["isa", "pseries", "hyperv", "s390", "pvpanic"]),
    };

    private static ShmemDevice ParseShmem(XElement el)
    {
        var server = el.Element("server");
        var msi = el.Element("msi");
        var size = el.Element("size");
        return new ShmemDevice
        {
            Name = RequireAttr(el, "name"),
            Role = Enum(el, "role", ["master", "peer"]),
            Model = el.Element("model") is { } m ? Enum(m, "type", ["ivshmem", "ivshmem-plain", "ivshmem-doorbell"]) ?? "ivshmem" : "ivshmem",
            Size = size is null ? null : ScaledBytes(size, size.Value, Attr(size, "unit")),
            Server = server is not null,
            ServerPath = server is null ? null : Attr(server, "path"),
            Msi = msi is not null,
            MsiVectors = msi is null ? null : NonNegative(msi, "vectors"),
            MsiIoeventfd = msi is null ? null : OnOff(msi, "ioeventfd"),
        };
    }

    private static VsockDevice ParseVsock(XElement el)
    {
        var cid = el.Element("cid");
        return new VsockDevice
        {
            Model = Enum(el, "model", ["virtio", "virtio-transitional", "virtio-non-transitional"]),
            CidAuto = cid is null ? null : Enum(cid, "auto", ["yes", "no"]),
            CidAddress = cid is null ? null : NonNegative(cid, "address"),
            Virtio = ParseVirtio(el.Element("driver")),
        };
    }

    /// <summary>A size with a libvirt unit suffix (bytes by default), in bytes.</summary>
    private static ulong ScaledBytes(XElement e, string text, string? unit)
    {
        if (!TryParseULong(text.Trim(), out var value))
        {
            throw Error(e, $"invalid value '{text.Trim()}' for element '{e.Name.LocalName}': expected a non-negative integer");
        }

        var power = (unit ?? "b").ToUpperInvariant() switch
        {
            "B" or "BYTE" or "BYTES" => 0,
            "K" or "KIB" => 1,
            "M" or "MIB" => 2,
            "G" or "GIB" => 3,
            "T" or "TIB" => 4,
            "P" or "PIB" => 5,
            "E" or "EIB" => 6,
            "KB" => -1,
            "MB" => -2,
            "GB" => -3,
            "TB" => -4,
            "PB" => -5,
            "EB" => -6,
            _ => throw Error(e, $"unknown unit '{unit}' for element '{e.Name.LocalName}'"),
        };
        var factor = 1UL;
        for (var i = 0; i < Math.Abs(power); i++)
        {
            factor *= power > 0 ? 1024UL : 1000UL;
        }

        try
        {
            return checked(value * factor);
        }
        catch (OverflowException)
        {
            throw Error(e, string.Create(CultureInfo.InvariantCulture, $"value '{text.Trim()}' {unit} for element '{e.Name.LocalName}' is too large"));
        }
    }
}
