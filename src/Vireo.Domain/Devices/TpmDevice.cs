using System.Xml.Linq;

namespace Vireo.Domain.Devices;

/// <summary>A <c>&lt;tpm&gt;</c>: the guest TPM model and its host backend.</summary>
public sealed record TpmDevice : DomainDevice
{
    /// <summary>tpm-tis, tpm-crb, tpm-spapr, spapr-tpm-proxy (null until defaulted).</summary>
    public string? Model { get; init; }

    /// <summary>passthrough, emulator, external.</summary>
    public required string BackendType { get; init; }

    /// <summary>passthrough: host TPM device (null = /dev/tpm0).</summary>
    public string? DevicePath { get; init; }

    /// <summary>external: the emulator's UNIX socket.</summary>
    public string? SourcePath { get; init; }

    /// <summary>emulator: TPM version (1.2 or 2.0; null until defaulted).</summary>
    public string? Version { get; init; }

    /// <summary>The &lt;backend&gt; element as written (children and extra attributes kept verbatim).</summary>
    public XElement? Backend { get; init; }

    /// <inheritdoc/>
    public override string ElementName => "tpm";
}
