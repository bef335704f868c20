using System.Text;
using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Tests.Support;

/// <summary>A serial port whose device side is a script: the test delivers the firmware's lines and sees what the host wrote.</summary>
internal sealed class ScriptedPort(string portName = "/dev/ttyACM9") : ISerialTransport
{
    private readonly Lock _gate = new();
    private readonly Queue<byte> _inbound = new();
    private TaskCompletionSource? _waiter;
    private TaskCompletionSource _readerWaits = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _written;

    /// <summary>Called with the total written so far after each write; returns the lines the firmware answers with, if any.</summary>
    public Func<long, string?> OnWritten { get; set; } = _ => null;

    public long Written { get { lock (_gate) { return _written; } } }

    public string PortName => portName;

    public bool IsOpen { get; private set; }

    public int BytesToRead { get { lock (_gate) { return _inbound.Count; } } }

    /// <summary>The device prints <paramref name="text"/>.</summary>
    public void Deliver(string text)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            foreach (var b in Encoding.ASCII.GetBytes(text))
            {
                _inbound.Enqueue(b);
            }

            waiter = _waiter;
            _waiter = null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Completes when a read finds nothing buffered and starts waiting (armed afresh by each call).</summary>
    public Task WhenReaderWaitsAsync()
    {
        lock (_gate)
        {
            if (_readerWaits.Task.IsCompleted)
            {
                _readerWaits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _readerWaits.Task;
        }
    }

    public Task OpenAsync(SerialOpenOptions options, CancellationToken cancellationToken)
    {
        IsOpen = true;
        return Task.CompletedTask;
    }

    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource waiter;
            TaskCompletionSource readerWaits;
            lock (_gate)
            {
                if (_inbound.Count > 0)
                {
                    var count = Math.Min(buffer.Length, _inbound.Count);
                    for (var i = 0; i < count; i++)
                    {
                        buffer.Span[i] = _inbound.Dequeue();
                    }

                    return count;
                }

                waiter = _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                readerWaits = _readerWaits;
            }

            await using (cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), waiter))
            {
                readerWaits.TrySetResult();
                await waiter.Task;
            }
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        long total;
        lock (_gate)
        {
            total = _written += data.Length;
        }

        if (OnWritten(total) is { } answer)
        {
            Deliver(answer);
        }

        return ValueTask.CompletedTask;
    }

    public Task SetBaudRateAsync(int baudRate, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SetDtrAsync(bool enabled, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CloseAsync(CancellationToken cancellationToken)
    {
        IsOpen = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(CloseAsync(CancellationToken.None));

    /// <summary>A factory that hands out this one port.</summary>
    public ISerialTransportFactory AsFactory() => new Factory(this);

    private sealed class Factory(ScriptedPort port) : ISerialTransportFactory
    {
        public ISerialTransport Create(string portName) => port;
    }
}
