namespace IceFarm.Client.Tests.EventStreams;

/// <summary>
/// An event-stream body that tells the test how far the client has read: when a read is pending after
/// <see cref="BytesRead"/> bytes, the client has fully processed those bytes (it asks for more only after that).
/// </summary>
internal sealed class ObservedStream(Stream inner) : Internal.ReadOnlyWrapperStream(inner)
{
    private long _bytesRead;
    private int _pending;

    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>True when the client waits for more bytes after exactly <paramref name="bytes"/>.</summary>
    public bool WaitingAfter(long bytes) => Volatile.Read(ref _pending) == 1 && BytesRead == bytes;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Volatile.Write(ref _pending, 1);
        try
        {
            var read = await Inner.ReadAsync(buffer, cancellationToken);
            Interlocked.Add(ref _bytesRead, read);
            return read;
        }
        finally
        {
            Volatile.Write(ref _pending, 0);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("The SDK reads the event stream asynchronously.");
}
