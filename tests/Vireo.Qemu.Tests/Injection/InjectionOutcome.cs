namespace Vireo.Qemu.Tests.Injection;

/// <summary>What building one domain gave: the argv, a refusal (Vireo exception), or another exception.</summary>
internal sealed record InjectionOutcome(IReadOnlyList<string>? Argv, Exception? Error)
{
    /// <summary>True when the build was refused with a Vireo error (DomainXmlException or DomainConfigException).</summary>
    public bool Refused => Error is Vireo.Domain.Errors.VireoException;
}
