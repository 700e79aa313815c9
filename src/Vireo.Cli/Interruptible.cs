using Vireo.Probing;

namespace Vireo.Cli;

/// <summary>Runs async work (a probe, a guest command) so that Ctrl-C cancels it (letting it stop QEMU and clean up) instead of killing the process mid-way.</summary>
internal static class Interruptible
{
    /// <summary>Runs <paramref name="work"/> to completion; an interrupt cancels its token and ends in a <see cref="ProbeException"/>.</summary>
    public static T Run<T>(Func<CancellationToken, Task<T>> work) =>
        Run(work, () => new ProbeException("probe interrupted"));

    /// <summary>Runs <paramref name="work"/> to completion; an interrupt cancels its token and ends in the exception <paramref name="interrupted"/> makes.</summary>
    public static T Run<T>(Func<CancellationToken, Task<T>> work, Func<Exception> interrupted)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return work(cancel.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw interrupted();
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
