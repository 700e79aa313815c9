namespace Vireo.Fuzzing;

/// <summary>
/// What one worker is doing, for the watchdog: the input it started (recorded before it
/// starts), when, and the phase it has reached. Written by the worker, read by the watchdog.
/// </summary>
public sealed class FuzzSlot
{
    private volatile string _phase = FuzzPhases.Parse;
    private FuzzInput? _input;
    private long _startedTicks;

    /// <summary>The phase the current input has reached.</summary>
    public string Phase
    {
        get => _phase;
        set => _phase = value;
    }

    /// <summary>The input being run, or null between inputs.</summary>
    public FuzzInput? Input => Volatile.Read(ref _input);

    /// <summary>When the current input started (<see cref="Environment.TickCount64"/>).</summary>
    public long StartedTicks => Interlocked.Read(ref _startedTicks);

    /// <summary>Records an input before it runs.</summary>
    public void Begin(FuzzInput input)
    {
        _phase = FuzzPhases.Parse;
        Interlocked.Exchange(ref _startedTicks, Environment.TickCount64);
        Volatile.Write(ref _input, input);
    }

    /// <summary>Clears the slot after an input.</summary>
    public void End() => Volatile.Write(ref _input, null);
}
