namespace Vireo.Qmp;

/// <summary>Limits and time-outs of a <see cref="QmpClient"/>.</summary>
public sealed record QmpClientOptions
{
    /// <summary>Default maximum length of one protocol line (16 MiB).</summary>
    public const int DefaultMaxLineBytes = 16 * 1024 * 1024;

    // Largest accepted MaxLineBytes (1 GiB): the line buffer is one array.
    internal const int MaxMaxLineBytes = 1024 * 1024 * 1024;

    /// <summary>The defaults.</summary>
    public static QmpClientOptions Default { get; } = new();

    /// <summary>Longest accepted line, in bytes; a longer one fails the connection.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>How long to wait for the transport to connect.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait for QEMU's greeting once connected.</summary>
    public TimeSpan GreetingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Default time limit for one command's reply.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Capacity of the event queue; when full, the oldest event is dropped and counted.</summary>
    public int EventCapacity { get; init; } = 1024;

    /// <summary>Whether <see cref="QmpClient.ConnectAsync"/> sends <c>qmp_capabilities</c> after the greeting.</summary>
    public bool NegotiateCapabilities { get; init; } = true;

    internal void Validate()
    {
        if (MaxLineBytes < 1024 || MaxLineBytes > MaxMaxLineBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxLineBytes), MaxLineBytes, $"must be between 1024 and {MaxMaxLineBytes}");
        }

        if (EventCapacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EventCapacity), EventCapacity, "must be at least 1");
        }

        foreach (var (name, value) in new[]
                 {
                     (nameof(ConnectTimeout), ConnectTimeout),
                     (nameof(GreetingTimeout), GreetingTimeout),
                     (nameof(CommandTimeout), CommandTimeout),
                 })
        {
            if (value <= TimeSpan.Zero && value != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(name, value, "must be positive or infinite");
            }
        }
    }
}
