namespace IceFarm.Client.Tests;

/// <summary>A read-only stream that fails every read with an <see cref="IOException"/> once dropped.</summary>
internal sealed class DroppableStream(Stream inner) : Stream
{
    private readonly CancellationTokenSource _dropped = new();

    public void Drop()
    {
        _dropped.Cancel();
        inner.Dispose();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _dropped.Token);
        try
        {
            return await inner.ReadAsync(buffer, linked.Token);
        }
        catch (Exception ex) when (_dropped.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or IOException)
        {
            throw new IOException("The connection was dropped by the test.", ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _dropped.Dispose();
        }

        base.Dispose(disposing);
    }
}
