using Vireo.Domain;
using Vireo.Domain.Devices;
using Vireo.Qemu.Configuration;
using static Vireo.Qemu.Preparation.Validation.RuleSupport;

namespace Vireo.Qemu.Preparation.Validation;

/// <summary>TPM rules: backend presence, device count, TPM version support, backend and model capabilities.</summary>
internal static class TpmRules
{
    /// <summary>
    /// Environment value naming the only TPM version the host's swtpm supports (libvirt's
    /// test harness sets it; unset means both 1.2 and 2.0 are available).
    /// </summary>
    internal const string FakeTpmVersionVariable = "VIR_TEST_MOCK_FAKE_TPM_VERSION";

    /// <summary>Every TPM needs a backend.</summary>
    public static void BeforeDefaults(DomainDefinition def)
    {
        foreach (var tpm in Tpms(def))
        {
            if (tpm.Backend is null)
            {
                throw Xml("missing TPM device backend");
            }
        }
    }

    /// <summary>Count, version and capability rules.</summary>
    public static void AfterDefaults(DomainDefinition def, PlatformContext p, DriverConfig config)
    {
        var tpms = Tpms(def).ToList();
        if (tpms.Count(t => t.Model == "spapr-tpm-proxy") > 1)
        {
            throw Unsupported("only a single TPM Proxy device is supported");
        }

        if (tpms.Count(t => t.Model != "spapr-tpm-proxy") > 1)
        {
            throw Unsupported("only a single TPM non-proxy device is supported");
        }

        foreach (var tpm in tpms)
        {
            CheckTpm(tpm, def, p, config);
        }
    }

    private static IEnumerable<TpmDevice> Tpms(DomainDefinition def) => def.DevicesOf<TpmDevice>();

    private static void CheckTpm(TpmDevice tpm, DomainDefinition def, PlatformContext p, DriverConfig config)
    {
        var backend = tpm.Backend;
        var type = tpm.BackendType;
        var model = tpm.Model;
        if (type == "emulator")
        {
            var explicitVersion = Attr(backend, "version");
            var version = explicitVersion ?? (model is "tpm-crb" or "tpm-spapr" ? "2.0" : "1.2");
            if (config.HostEnvironment.TryGetValue(FakeTpmVersionVariable, out var only) && version != only)
            {
                throw Unsupported($"TPM version '{version}' is not supported");
            }

            if (explicitVersion == "1.2")
            {
                if (model == "tpm-crb")
                {
                    throw Unsupported("Unsupported interface 'tpm-crb' for TPM 1.2");
                }

                if (model == "tpm-spapr")
                {
                    throw Unsupported("TPM 1.2 is not supported with the SPAPR device model");
                }

                if (p.IsArmVirt)
                {
                    throw Unsupported("TPM 1.2 is not supported on ARM");
                }
            }
        }

        if (!KnowsCaps(p))
        {
            return;
        }

        var backendFlag = type switch
        {
            "passthrough" => "tpm-passthrough",
            "emulator" or "external" => "tpm-emulator",
            _ => null,
        };
        if (backendFlag is not null && !p.Has(backendFlag))
        {
            throw Unsupported($"The QEMU executable {def.Emulator} does not support TPM backend type {type}");
        }

        if (model == "spapr-tpm-proxy" && p.Arch.StartsWith("ppc64", StringComparison.Ordinal) && type != "passthrough")
        {
            throw Unsupported($"TPM Proxy model {model} requires 'Passthrough' backend");
        }

        var modelFlag = model switch
        {
            "tpm-tis" when p.IsX86 => "tpm-tis",
            "tpm-crb" => "tpm-crb",
            "tpm-spapr" => "tpm-spapr",
            "spapr-tpm-proxy" => "spapr-tpm-proxy",
            _ => null,
        };
        if (modelFlag is not null && !p.Has(modelFlag))
        {
            throw Unsupported($"The QEMU executable {def.Emulator} does not support TPM model {model}");
        }
    }
}
