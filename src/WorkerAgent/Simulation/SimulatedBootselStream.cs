namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// The host's handle on a simulated BOOTSEL partition: a raw block device whose sectors go to the ROM at
/// the profile's write throughput. Whole sectors only reach the device; a trailing partial sector waits.
/// </summary>
internal sealed class SimulatedBootselStream(SimulatedBoard board, int epoch) : Stream
{
    private const int SectorSize = 512;
    private readonly List<byte> _pending = [];

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var seconds = buffer.Length / board.Profile.Uf2BytesPerSecond;
        await Task.Delay(TimeSpan.FromSeconds(seconds), board.Time, cancellationToken);
        _pending.AddRange(buffer.Span);
        var whole = _pending.Count / SectorSize * SectorSize;
        if (whole == 0)
        {
            return;
        }

        var sectors = _pending.GetRange(0, whole).ToArray();
        _pending.RemoveRange(0, whole);
        board.WriteSectors(epoch, sectors);
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
        => throw new NotSupportedException("The simulated block device is written asynchronously, as the worker does.");

    /// <inheritdoc />
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public override void Flush()
    {
        // Sectors reach the ROM as they are written (O_SYNC); nothing is cached.
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();
}
