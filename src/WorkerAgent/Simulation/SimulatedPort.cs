using IceFarm.WorkerAgent.Boards;

namespace IceFarm.WorkerAgent.Simulation;

/// <summary>The host side of a simulated board's protocol port: the tty's receive buffer plus calls into the board.</summary>
internal sealed class SimulatedPort(string portName, SimulatedBoard? board) : ISerialTransport
{
    // The tty layer throttles the device once its buffer is full; the firmware's output is then lost.
    private const int HostBufferLimit = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly ByteQueue _inbound = new();
    private TaskCompletionSource? _waiter;
    private bool _open;
    private bool _gone;

    /// <inheritdoc />
    public string PortName => portName;

    /// <inheritdoc />
    public bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _open && !_gone;
            }
        }
    }

    /// <inheritdoc />
    public int BytesToRead
    {
        get
        {
            lock (_gate)
            {
                return _open ? _inbound.Count : 0;
            }
        }
    }

    /// <inheritdoc />
    public Task OpenAsync(SerialOpenOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (board is null)
        {
            throw new IOException($"{portName}: No such file or directory");
        }

        lock (_gate)
        {
            if (_open)
            {
                throw new InvalidOperationException($"{portName} is already open.");
            }

            _inbound.Clear();
            _gone = false;
            _open = true;
        }

        try
        {
            board.Open(this, options);
        }
        catch (IOException)
        {
            lock (_gate)
            {
                _open = false;
            }

            throw;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>
    /// The wait is a plain await on a per-read completion source that the token cancels (no WaitAsync): its
    /// continuation goes straight to the reader's scheduler, which lets tests see when a reader is waiting.
    /// </remarks>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            TaskCompletionSource arrival;
            lock (_gate)
            {
                if (_inbound.Count > 0)
                {
                    return _inbound.Dequeue(buffer.Span);
                }

                if (_gone)
                {
                    throw new IOException($"{portName}: device disconnected");
                }

                if (!_open)
                {
                    throw new InvalidOperationException($"{portName} is closed.");
                }

                arrival = _waiter = NewSignal();
            }

            await using (cancellationToken.UnsafeRegister(static (state, token) => ((TaskCompletionSource)state!).TrySetCanceled(token), arrival))
            {
                await arrival.Task;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var target = OpenBoard();
        if (target.Faults.Fires(SimulatedFault.WritesBlock))
        {
            // The device NAKs forever: the write returns only when the caller gives up.
            await Task.Delay(Timeout.InfiniteTimeSpan, target.Time, cancellationToken);
        }

        target.Write(this, data.Span);
    }

    /// <inheritdoc />
    public Task SetBaudRateAsync(int baudRate, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OpenBoard().SetBaudRate(this, baudRate);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetDtrAsync(bool enabled, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OpenBoard().SetDtr(this, enabled);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CloseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_open)
            {
                return Task.CompletedTask;
            }

            _open = false;
            Wake();
        }

        if (board is not null && board.Faults.Fires(SimulatedFault.SlowClose))
        {
            // cdc-acm drains its write queue before the close returns; the device stays held meanwhile.
            return CloseSlowlyAsync(board);
        }

        board?.Close(this);
        return Task.CompletedTask;
    }

    private async Task CloseSlowlyAsync(SimulatedBoard target)
    {
        await Task.Delay(target.Faults.SlowCloseDuration, target.Time, CancellationToken.None);
        target.Close(this);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync(CancellationToken.None);

    /// <summary>Bytes from the device (called under the board's lock).</summary>
    internal void Deliver(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            var room = HostBufferLimit - _inbound.Count;
            _inbound.Enqueue(bytes[..Math.Min(room, bytes.Length)]);

            Wake();
        }
    }

    /// <summary>The device left the bus (reboot, unplug): pending and later reads fail once the buffer is drained.</summary>
    internal void MarkGone()
    {
        lock (_gate)
        {
            _gone = true;
            Wake();
        }
    }

    private SimulatedBoard OpenBoard()
    {
        lock (_gate)
        {
            if (!_open || board is null)
            {
                throw new InvalidOperationException($"{portName} is closed.");
            }

            if (_gone)
            {
                throw new IOException($"{portName}: device disconnected");
            }
        }

        return board;
    }

    private void Wake()
    {
        var waiter = _waiter;
        _waiter = null;
        waiter?.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
