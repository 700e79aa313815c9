using Vireo.Domain.Errors;

namespace Vireo.Qmp;

/// <summary>QEMU answered a command with an error; its <c>class</c> and <c>desc</c> are kept verbatim.</summary>
public sealed class QmpErrorException : QmpException
{
    public QmpErrorException(string command, string errorClass, string description)
        : base(ErrorKind.InternalError, $"unable to execute QEMU command '{command}': {description}")
    {
        Command = command;
        ErrorClass = errorClass;
        Description = description;
    }

    /// <summary>The command that failed (its <c>execute</c> name).</summary>
    public string Command { get; }

    /// <summary>QEMU's error class, e.g. <c>GenericError</c>, <c>CommandNotFound</c>, <c>DeviceNotFound</c>.</summary>
    public string ErrorClass { get; }

    /// <summary>QEMU's human-readable description.</summary>
    public string Description { get; }
}
