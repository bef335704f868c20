using IceFarm.WorkerAgent.Boards;
using Microsoft.Extensions.Logging;

namespace IceFarm.WorkerAgent.Protocol;

/// <summary>
/// An open protocol port read line by line (hardware.md §5.9): DTR on, a baud other than 1200, unknown
/// and stale lines skipped, and the ready line remembered so a bitstream goes out only after it.
/// </summary>
internal sealed class FirmwareSession : IAsyncDisposable
{
    private readonly ISerialTransport _port;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LineSplitter _lines = new();
    private readonly byte[] _buffer = new byte[4096];

    private FirmwareSession(ISerialTransport port, TimeProvider time, ILogger logger)
    {
        _port = port;
        _time = time;
        _logger = logger;
    }

    /// <summary>The port's name.</summary>
    public string PortName => _port.PortName;

    /// <summary>Whether the last line of consequence was the ready line and nothing was sent since.</summary>
    public bool IsReady { get; private set; }

    /// <summary>Opens <paramref name="portName"/> with DTR asserted at <paramref name="baudRate"/>.</summary>
    public static async Task<FirmwareSession> OpenAsync(
        ISerialTransportFactory transports, string portName, int baudRate, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var port = transports.Create(portName);
        try
        {
            await port.OpenAsync(new SerialOpenOptions(baudRate, DtrEnable: true), cancellationToken);
            return new FirmwareSession(port, time, logger);
        }
        catch
        {
            await port.DisposeAsync();
            throw;
        }
    }

    /// <summary>The next line, or null when <paramref name="deadline"/> fires first; lines already received win over the deadline.</summary>
    public async Task<FirmwareLine?> ReadLineAsync(CancellationToken deadline)
    {
        while (true)
        {
            if (_lines.TryTake(out var text))
            {
                var line = FirmwareLineParser.Parse(text);
                if (line.Kind == FirmwareLineKind.Ready)
                {
                    IsReady = true;
                }

                if (line.Kind == FirmwareLineKind.Unknown)
                {
                    _logger.LogDebug("Skipping unknown line from {Port}: {Line}", PortName, text);
                }

                return line;
            }

            int count;
            try
            {
                count = await _port.ReadAsync(_buffer, deadline);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return null;
            }

            _lines.Append(_buffer.AsSpan(0, count));
        }
    }

    /// <summary>Reads until a line of <paramref name="kind"/> arrives; false when <paramref name="timeout"/> passes first.</summary>
    public async Task<bool> WaitForAsync(FirmwareLineKind kind, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (await ReadLineAsync(linked.Token) is { } line)
        {
            if (line.Kind == kind)
            {
                return true;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Sends <paramref name="data"/> in chunks; the firmware is no longer ready once the first byte is out.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> data, int chunkSize, CancellationToken cancellationToken)
    {
        IsReady = false;
        for (var offset = 0; offset < data.Length; offset += chunkSize)
        {
            var chunk = data.Slice(offset, Math.Min(chunkSize, data.Length - offset));
            await _port.WriteAsync(chunk, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // REVIEW: a real port can take up to 15–30 s to close (hardware.md §6.5); the USB driver will
        // have to close on a background task with a deadline.
        await _port.CloseAsync(CancellationToken.None);
        await _port.DisposeAsync();
    }
}
