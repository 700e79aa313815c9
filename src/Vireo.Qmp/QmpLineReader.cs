namespace Vireo.Qmp;

/// <summary>
/// Splits a byte stream into newline-terminated lines without ever buffering more than
/// the configured maximum: a longer line is a protocol violation.
/// </summary>
internal sealed class QmpLineReader
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    public QmpLineReader(Stream stream, int maxLineBytes)
    {
        _stream = stream;
        _maxLineBytes = maxLineBytes;
        _buffer = new byte[Math.Min(InitialBufferBytes, maxLineBytes + 1)];
    }

    /// <summary>
    /// The next line (without its line terminator), valid until the next call; null at
    /// end of stream. A final unterminated fragment is returned as a line.
    /// </summary>
    /// <exception cref="QmpConnectionException">A line is longer than the limit.</exception>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanFrom + newline;
                CheckLength(lineEnd - _start);
                var line = TrimCarriageReturn(_buffer.AsMemory(_start, lineEnd - _start));
                _start = lineEnd + 1;
                return line;
            }

            CheckLength(_end - _start);
            if (_eof)
            {
                if (_end == _start)
                {
                    return null;
                }

                var rest = TrimCarriageReturn(_buffer.AsMemory(_start, _end - _start));
                _start = _end;
                return rest;
            }

            scanFrom = _end;
            if (_end == _buffer.Length)
            {
                var pending = _end - _start;
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
                    scanFrom -= _start;
                    _start = 0;
                    _end = pending;
                }
                else
                {
                    // Double, but jump straight to the limit (+1, to see the byte that breaks it)
                    // rather than allocating a buffer of exactly the limit first.
                    var doubled = (long)_buffer.Length * 2;
                    var bigger = new byte[(int)(doubled >= _maxLineBytes ? (long)_maxLineBytes + 1 : doubled)];
                    Buffer.BlockCopy(_buffer, 0, bigger, 0, pending);
                    _buffer = bigger;
                }
            }

            var n = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                _eof = true;
            }

            _end += n;
        }
    }

    private void CheckLength(int length)
    {
        if (length > _maxLineBytes)
        {
            throw new QmpConnectionException($"QMP message longer than the {_maxLineBytes}-byte limit");
        }
    }

    private static ReadOnlyMemory<byte> TrimCarriageReturn(ReadOnlyMemory<byte> line) =>
        line.Length > 0 && line.Span[^1] == (byte)'\r' ? line[..^1] : line;
}
