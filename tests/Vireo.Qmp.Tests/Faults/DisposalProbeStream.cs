namespace Vireo.Qmp.Tests.Faults;

/// <summary>A stream that only records whether it was disposed.</summary>
internal sealed class DisposalProbeStream : MemoryStream
{
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Disposed => _disposed.Task;

    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult();
        base.Dispose(disposing);
    }
}
