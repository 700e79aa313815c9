using Vireo.Domain.Errors;

namespace Vireo.Qemu.DomainCapabilities;

/// <summary>A domain-capabilities request libvirt would refuse (unknown virt type, unsupported machine, ...).</summary>
public sealed class DomainCapabilitiesException : VireoException
{
    public DomainCapabilitiesException(ErrorKind kind, string detail)
        : base(kind, detail)
    {
    }
}
