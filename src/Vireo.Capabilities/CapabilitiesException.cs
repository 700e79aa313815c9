using Vireo.Domain.Errors;

namespace Vireo.Capabilities;

/// <summary>
/// Capability data could not be read or made sense of: a malformed cache file, an
/// unknown accelerator, a missing caps file. Reported as an "internal error".
/// </summary>
public sealed class CapabilitiesException : VireoException
{
    public CapabilitiesException(string detail)
        : base(ErrorKind.InternalError, detail)
    {
    }

    public CapabilitiesException(string detail, Exception? inner)
        : base(ErrorKind.InternalError, detail, inner)
    {
    }
}
