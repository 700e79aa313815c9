namespace Vireo.Qmp.Tests.Faults;

/// <summary>
/// A transport whose connect never completes on its own. When <paramref name="honoursCancellation"/>
/// is false it ignores the client's token too (a badly written transport); the test can still
/// complete it late with <see cref="CompleteLate"/>.
/// </summary>
internal sealed class HangingTransport(bool honoursCancellation) : IQmpTransport
{
    private readonly TaskCompletionSource<Stream> _late = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Description => "hanging";

    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken) =>
        honoursCancellation
            ? await _late.Task.WaitAsync(cancellationToken)
            : await _late.Task;

    /// <summary>Lets the connect finish, after the client gave up on it.</summary>
    public void CompleteLate(Stream stream) => _late.TrySetResult(stream);
}
