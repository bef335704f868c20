using System.IO.Ports;
using IceFarm.WorkerAgent.Boards;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Linux;

/// <summary>
/// A board's tty through System.IO.Ports (hardware.md §5.1): raw mode (the .NET native layer sets it),
/// exclusive (TIOCEXCL), DTR asserted on request because .NET leaves it low by default. Every failure of
/// the device comes out as <see cref="IOException"/>, which the callers treat as "the device went away".
/// </summary>
internal sealed class SerialPortTransport(string portName, TimeSpan closeDeadline, TimeProvider time, ILogger logger) : ISerialTransport
{
    private SerialPort? _port;
    private Stream? _stream;

    /// <inheritdoc />
    public string PortName => portName;

    /// <inheritdoc />
    public bool IsOpen => _port?.IsOpen == true;

    /// <inheritdoc />
    public int BytesToRead
    {
        get
        {
            try
            {
                return _port?.IsOpen == true ? _port.BytesToRead : 0;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // A vanished device has nothing to read; the next read reports it.
                logger.LogDebug(ex, "{Port}: BytesToRead failed", portName);
                return 0;
            }
        }
    }

    /// <inheritdoc />
    public Task OpenAsync(SerialOpenOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var port = new SerialPort(portName, options.BaudRate, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            DtrEnable = options.DtrEnable,
            RtsEnable = false,
            ReadTimeout = SerialPort.InfiniteTimeout,
            WriteTimeout = 5_000,
        };
        Wrap(port.Open, "open");
        _port = port;
        _stream = port.BaseStream;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException($"{portName} is closed.");
        try
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException($"{portName}: end of stream (device gone)");
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            throw new IOException($"{portName}: read failed: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var stream = _stream ?? throw new InvalidOperationException($"{portName} is closed.");
        try
        {
            await stream.WriteAsync(data, cancellationToken);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            // A device that stops reading (NAK forever) surfaces here as the write timeout.
            throw new IOException($"{portName}: write failed: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public Task SetBaudRateAsync(int baudRate, CancellationToken cancellationToken)
    {
        var port = _port ?? throw new InvalidOperationException($"{portName} is closed.");
        Wrap(() => port.BaudRate = baudRate, $"set {baudRate} baud");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SetDtrAsync(bool enabled, CancellationToken cancellationToken)
    {
        var port = _port ?? throw new InvalidOperationException($"{portName} is closed.");
        Wrap(() => port.DtrEnable = enabled, "set DTR");
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_port is not { } port)
        {
            return;
        }

        _port = null;
        _stream = null;

        // close() can block while cdc-acm drains its write queue (up to 15–30 s, hardware.md §6.5), so it
        // runs aside with a deadline; a port still closing after it is left to finish on its own.
        var closing = Task.Run(port.Dispose, CancellationToken.None);
        try
        {
            await closing.WaitAsync(closeDeadline, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("Closing {Port} took longer than {Deadline}; left to finish in the background", portName, closeDeadline);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogDebug(ex, "Closing {Port} failed; the device is probably gone", portName);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync(CancellationToken.None);

    private void Wrap(Action action, string what)
    {
        try
        {
            action();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"{portName}: cannot {what}: permission denied or busy (worker in group dialout? another opener?)", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            throw new IOException($"{portName}: cannot {what}: {ex.Message}", ex);
        }
    }
}
