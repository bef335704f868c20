namespace IceFarm.Client.Events;

/// <summary>
/// The event stream's response body, seen byte-wise: <see cref="System.Net.ServerSentEvents.SseParser"/> hides SSE
/// comments, so the farm's <c>: connected</c> and <c>: keep-alive</c> comments (older servers) would go unnoticed.
/// Any bytes count instead: the first ones confirm the subscription, and every read resets the idle timer.
/// </summary>
internal sealed class ActivityStream(Stream inner) : Internal.ReadOnlyWrapperStream(inner)
{
    private byte[]? _prefetched;
    private int _prefetchedOffset;
    private int _prefetchedCount;

    /// <summary>Called after every read that returned bytes; set by the one reader of the stream.</summary>
    public Action? Activity { get; set; }

    /// <summary>
    /// Cancels the reads of the current call: <see cref="System.Net.ServerSentEvents.SseParser{T}"/> takes one token for
    /// the whole enumeration, and the stream is read by many calls, each with its own token.
    /// </summary>
    public CancellationToken Cancellation { get; set; }

    /// <summary>Reads the first bytes (kept for the parser); false when the farm closed the stream before sending any.</summary>
    public async Task<bool> WaitForFirstBytesAsync(CancellationToken ct)
    {
        var buffer = new byte[4096];
        var read = await Inner.ReadAsync(buffer, ct);
        _prefetched = buffer;
        _prefetchedCount = read;
        return read > 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (TakePrefetched(buffer.Span) is var taken and > 0)
        {
            return Seen(taken);
        }

        if (!Cancellation.CanBeCanceled || !cancellationToken.CanBeCanceled)
        {
            return Seen(await Inner.ReadAsync(buffer, cancellationToken.CanBeCanceled ? cancellationToken : Cancellation));
        }

        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, Cancellation);
        return Seen(await Inner.ReadAsync(buffer, both.Token));
    }

    public override int Read(byte[] buffer, int offset, int count) =>
        Seen(TakePrefetched(buffer.AsSpan(offset, count)) is var taken and > 0 ? taken : Inner.Read(buffer, offset, count));

    private int TakePrefetched(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefetchedCount);
        _prefetched.AsSpan(_prefetchedOffset, count).CopyTo(buffer);
        _prefetchedOffset += count;
        _prefetchedCount -= count;
        return count;
    }

    private int Seen(int read)
    {
        if (read > 0)
        {
            Activity?.Invoke();
        }

        return read;
    }
}
