namespace IceFarm.WorkerAgent.Boards;

/// <summary>
/// One serial port to a board, shaped after what System.IO.Ports offers on Linux (hardware.md §5.1, §8.1):
/// raw bytes both ways, line coding and DTR under the caller's control.
/// </summary>
/// <remarks>
/// A read returns bytes already received even when its token is cancelled, so a deadline that fires
/// just as the awaited line arrives does not lose it. A port whose device disappeared (reboot, unplug)
/// fails reads and writes with <see cref="IOException"/>.
/// </remarks>
internal interface ISerialTransport : IAsyncDisposable
{
    /// <summary>The port this transport talks to.</summary>
    string PortName { get; }

    /// <summary>Whether the port is open.</summary>
    bool IsOpen { get; }

    /// <summary>Bytes received and not yet read (0 when closed).</summary>
    int BytesToRead { get; }

    /// <summary>Opens the port: applies the line coding first, then DTR, as .NET's SerialStream does.</summary>
    Task OpenAsync(SerialOpenOptions options, CancellationToken cancellationToken);

    /// <summary>Reads at least one byte, waiting for it when none is buffered.</summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Writes bytes to the device.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Changes the line coding; the host only tells the device when the rate actually changes.</summary>
    Task SetBaudRateAsync(int baudRate, CancellationToken cancellationToken);

    /// <summary>Raises or drops DTR.</summary>
    Task SetDtrAsync(bool enabled, CancellationToken cancellationToken);

    /// <summary>Closes the port, which drops DTR.</summary>
    Task CloseAsync(CancellationToken cancellationToken);
}
