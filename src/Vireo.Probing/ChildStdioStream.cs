namespace Vireo.Probing;

/// <summary>
/// A child process's standard output (read) and standard input (write) as one duplex
/// stream, for a QMP monitor on <c>-qmp stdio</c>. Disposing it closes both pipes: QEMU
/// sees its monitor hang up.
/// </summary>
internal sealed class ChildStdioStream(Stream output, Stream input) : Stream
{
    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => output.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        output.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        output.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => input.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        input.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        input.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => input.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => input.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close(input);
            Close(output);
        }

        base.Dispose(disposing);
    }

    private static void Close(Stream stream)
    {
        try
        {
            stream.Dispose();
        }
        catch (IOException)
        {
            // A broken pipe on the final flush: the child is gone, which is what closing wants.
        }
    }
}
