using System.Globalization;
using System.Text.RegularExpressions;
using Vireo.Domain;
using Vireo.Domain.Devices;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>&lt;sysinfo&gt; and &lt;seclabel&gt; rules.</summary>
internal static partial class SysinfoRules
{
    /// <summary>Rules the parser applies to SMBIOS data and security labels.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        CheckSeclabels(def);
        foreach (var sysinfo in def.Extras.Where(e => e.Name.LocalName == "sysinfo" && Attr(e, "type") == "smbios"))
        {
            foreach (var entry in sysinfo.Elements("bios").SelectMany(b => b.Elements("entry")))
            {
                if (Attr(entry, "name") == "date" && !IsBiosDate(entry.Value))
                {
                    throw Xml("Invalid BIOS 'date' format");
                }
            }

            foreach (var entry in sysinfo.Elements("system").SelectMany(b => b.Elements("entry")))
            {
                if (Attr(entry, "name") == "uuid" && def.Uuid is { } uuid && Normalize(entry.Value) is { } given && given != Normalize(uuid))
                {
                    throw Xml("UUID mismatch between <uuid> and <sysinfo>");
                }
            }
        }
    }

    /// <summary>fw_cfg names QEMU accepts from users.</summary>
    public static void AfterDefaults(DomainDefinition def)
    {
        foreach (var sysinfo in def.Extras.Where(e => e.Name.LocalName == "sysinfo" && Attr(e, "type") == "fwcfg"))
        {
            foreach (var entry in sysinfo.Elements("entry"))
            {
                var name = Attr(entry, "name") ?? "";
                if (!name.StartsWith("opt/", StringComparison.Ordinal))
                {
                    throw Unsupported("Invalid firmware name");
                }

                if (name.StartsWith("opt/ovmf/", StringComparison.Ordinal) || name.StartsWith("opt/org.qemu/", StringComparison.Ordinal))
                {
                    throw Unsupported("That firmware name is reserved");
                }
            }
        }
    }

    // mm/dd/yy or mm/dd/yyyy, with yyyy from 1900 on.
    private static bool IsBiosDate(string text)
    {
        var m = BiosDate().Match(text);
        if (!m.Success ||
            !int.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var month) ||
            !int.TryParse(m.Groups[2].Value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var day) ||
            !int.TryParse(m.Groups[3].Value, NumberStyles.AllowLeadingWhite | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        return month is >= 1 and <= 12 && day is >= 1 and <= 31 && year >= 0 && !(year >= 100 && year < 1900);
    }

    private static string? Normalize(string uuid)
    {
        var hex = new string([.. uuid.Where(c => c is not ('-' or ' ' or '\n' or '\t' or '\r'))]).ToLowerInvariant();
        return hex.Length == 32 && hex.All(Uri.IsHexDigit) ? hex : null;
    }

    private static void CheckSeclabels(DomainDefinition def)
    {
        var labels = def.Extras.Where(e => e.Name.LocalName == "seclabel").ToList();

        // One pass with a set (a pairwise scan took minutes on 100,000 labels); a missing model counts as one value.
        var seen = new HashSet<string?>(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            if (!seen.Add(Attr(label, "model")))
            {
                throw Xml($"seclabel for model {Attr(label, "model") ?? "(null)"} is already provided");
            }
        }

        if (labels.Count > 1 && labels.Any(l => Attr(l, "model") is null))
        {
            throw Xml("missing security model when using multiple labels");
        }

        foreach (var disk in def.DevicesOf<DiskDevice>())
        {
            var models = new HashSet<string>(StringComparer.Ordinal);
            foreach (var label in disk.Source.Seclabels)
            {
                if (label.Model is { } model && !models.Add(model))
                {
                    throw Xml($"seclabel for model {model} is already provided");
                }
            }
        }
    }

    [GeneratedRegex(@"^\s*([+-]?\d+)/\s*([+-]?\d+)/\s*([+-]?\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex BiosDate();
}
