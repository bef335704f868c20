namespace IceFarm.Client.Tests;

/// <summary>A read-only stream that fails every read with an <see cref="IOException"/> once dropped.</summary>
internal sealed class DroppableStream(Stream inner) : Internal.ReadOnlyWrapperStream(inner)
{
    private readonly CancellationTokenSource _dropped = new();

    public void Drop()
    {
        _dropped.Cancel();
        Inner.Dispose();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _dropped.Token);
        try
        {
            return await Inner.ReadAsync(buffer, linked.Token);
        }
        catch (Exception ex) when (_dropped.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or IOException)
        {
            throw new IOException("The connection was dropped by the test.", ex);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dropped.Dispose();
        }

        base.Dispose(disposing);
    }
}
