using System.Text;
using IceFarm.Contracts.Bitstreams;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.Bench.Boards;

/// <summary>
/// A serial transport that passes everything through to the simulated one and marks, on <see cref="PortTimeline"/>,
/// when a bitstream's first and last bytes are written and when a result line is read: the seams between the
/// worker's phases, seen from outside the worker.
/// </summary>
internal sealed class PortTap(ISerialTransport inner, PortTimeline timeline) : ISerialTransport
{
    private static readonly byte[] ResultMarker = Encoding.ASCII.GetBytes("pulses: ");
    private readonly byte[] _tail = new byte[ResultMarker.Length - 1];
    private int _tailLength;
    private int _written;

    public string PortName => inner.PortName;

    public bool IsOpen => inner.IsOpen;

    public int BytesToRead => inner.BytesToRead;

    public Task OpenAsync(SerialOpenOptions options, CancellationToken cancellationToken) => inner.OpenAsync(options, cancellationToken);

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var count = await inner.ReadAsync(buffer, cancellationToken);
        // The marker may straddle two reads: look at the previous read's tail too.
        var seen = new byte[_tailLength + count];
        _tail.AsSpan(0, _tailLength).CopyTo(seen);
        buffer.Span[..count].CopyTo(seen.AsSpan(_tailLength));
        if (seen.AsSpan().IndexOf(ResultMarker) >= 0)
        {
            timeline.Add(PortName, PortMark.ResultRead);
        }

        _tailLength = Math.Min(_tail.Length, seen.Length);
        seen.AsSpan(seen.Length - _tailLength).CopyTo(_tail);
        return count;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_written == 0)
        {
            timeline.Add(PortName, PortMark.FirstByteWritten);
        }

        await inner.WriteAsync(data, cancellationToken);
        _written += data.Length;
        if (_written >= Ice40Bitstream.Up5kSize)
        {
            timeline.Add(PortName, PortMark.LastByteWritten);
            _written = 0;
        }
    }

    public Task SetBaudRateAsync(int baudRate, CancellationToken cancellationToken) => inner.SetBaudRateAsync(baudRate, cancellationToken);

    public Task SetDtrAsync(bool enabled, CancellationToken cancellationToken) => inner.SetDtrAsync(enabled, cancellationToken);

    public Task CloseAsync(CancellationToken cancellationToken) => inner.CloseAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
