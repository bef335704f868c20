namespace IceFarm.WorkerAgent.Simulation;

/// <summary>
/// A first-in first-out byte buffer that moves spans with block copies: the simulator passes every bitstream
/// (104,090 bytes in 512-byte writes) through one, and a <see cref="Queue{T}"/> of bytes cost a call per byte
/// on both sides. Not thread-safe: its owner's lock guards it.
/// </summary>
internal sealed class ByteQueue
{
    private byte[] _buffer = new byte[4096];
    private int _head;

    /// <summary>How many bytes are queued.</summary>
    public int Count { get; private set; }

    /// <summary>Appends <paramref name="bytes"/>.</summary>
    public void Enqueue(ReadOnlySpan<byte> bytes)
    {
        EnsureRoom(Count + bytes.Length);
        var tail = (_head + Count) % _buffer.Length;
        var first = Math.Min(bytes.Length, _buffer.Length - tail);
        bytes[..first].CopyTo(_buffer.AsSpan(tail));
        bytes[first..].CopyTo(_buffer);
        Count += bytes.Length;
    }

    /// <summary>Moves up to <paramref name="destination"/>'s length of the oldest bytes into it; returns how many.</summary>
    public int Dequeue(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, Count);
        var first = Math.Min(count, _buffer.Length - _head);
        _buffer.AsSpan(_head, first).CopyTo(destination);
        _buffer.AsSpan(0, count - first).CopyTo(destination[first..]);
        Drop(count);
        return count;
    }

    /// <summary>Discards the <paramref name="count"/> oldest bytes (all of them if fewer are queued; none if it is not positive).</summary>
    public void Drop(int count)
    {
        count = Math.Clamp(count, 0, Count);
        _head = (_head + count) % _buffer.Length;
        Count -= count;
        if (Count == 0)
        {
            _head = 0;
        }
    }

    /// <summary>A copy of the queued bytes, oldest first; the queue keeps them.</summary>
    public byte[] ToArray()
    {
        var copy = new byte[Count];
        var first = Math.Min(Count, _buffer.Length - _head);
        _buffer.AsSpan(_head, first).CopyTo(copy);
        _buffer.AsSpan(0, Count - first).CopyTo(copy.AsSpan(first));
        return copy;
    }

    /// <summary>Discards everything.</summary>
    public void Clear() => Drop(Count);

    private void EnsureRoom(int needed)
    {
        if (needed <= _buffer.Length)
        {
            return;
        }

        var size = _buffer.Length;
        while (size < needed)
        {
            size *= 2;
        }

        var bigger = new byte[size];
        var queued = Dequeue(bigger);
        _buffer = bigger;
        _head = 0;
        Count = queued;
    }
}
