namespace Vireo.Runtime.Control;

/// <summary>Time limits of a <see cref="GuestSession"/>.</summary>
public sealed record SessionOptions
{
    /// <summary>How long to wait for another vireo command working on the domain.</summary>
    public TimeSpan LockWait { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long QEMU may take to accept the connection and greet.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default time limit of one command.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
