using Vireo.Domain.Errors;

namespace Vireo.Qemu.Firmware;

/// <summary>A firmware descriptor file cannot be read or parsed (libvirt fails the same way).</summary>
public sealed class FirmwareDescriptorException : VireoException
{
    public FirmwareDescriptorException(string detail, Exception? inner = null)
        : base(ErrorKind.InternalError, detail, inner)
    {
    }
}
