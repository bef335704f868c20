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

    private TimeSpan _closeDeadline = TimeSpan.FromSeconds(3);

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

    /// <summary>
    /// Whether a transfer on this port went wrong and the firmware's position in its transcript is unknown
    /// (surplus bytes may have started another transfer); only <see cref="ResyncAsync"/> clears it.
    /// </summary>
    public bool IsOutOfStep { get; private set; }

    /// <summary>Opens <paramref name="portName"/> with DTR asserted at <paramref name="baudRate"/>.</summary>
    public static async Task<FirmwareSession> OpenAsync(
        ISerialTransportFactory transports, string portName, int baudRate, TimeProvider time, ILogger logger, CancellationToken cancellationToken,
        TimeSpan? closeDeadline = null)
    {
        var port = transports.Create(portName);
        try
        {
            await port.OpenAsync(new SerialOpenOptions(baudRate, DtrEnable: true), cancellationToken);
            return new FirmwareSession(port, time, logger) { _closeDeadline = closeDeadline ?? TimeSpan.FromSeconds(3) };
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
                if (line.Kind == FirmwareLineKind.Unknown)
                {
                    _logger.LogDebug("Skipping unknown line from {Port}: {Line}", PortName, text);
                }
                else
                {
                    // Any known line after the ready line means the firmware left WAIT: a transfer started by
                    // someone else's bytes (hardware.md §5.3), or a late result of a transfer thought lost.
                    IsReady = line.Kind == FirmwareLineKind.Ready;
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

    /// <summary>
    /// Reads the lines that already arrived while nobody was listening (a stray transfer, a late watchdog
    /// line), so <see cref="IsReady"/> describes the firmware now rather than when the last result came.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (_lines.Pending > 0 || _port.BytesToRead > 0)
        {
            if (await ReadLineAsync(cancellationToken) is null)
            {
                return;
            }
        }
    }

    /// <summary>Notes that a transfer went wrong: the next bitstream waits for <see cref="ResyncAsync"/>.</summary>
    public void MarkOutOfStep()
    {
        IsOutOfStep = true;
        IsReady = false;
    }

    /// <summary>
    /// Brings host and firmware back in step after a failed transfer (hardware.md §5.3): reads until the
    /// ready line and then insists on <paramref name="quiet"/> of silence, because surplus bytes of the failed
    /// transfer start another one right after that line. False when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<bool> ResyncAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        while (!linked.IsCancellationRequested)
        {
            if (!IsReady)
            {
                if (await ReadLineAsync(linked.Token) is null)
                {
                    break;
                }

                continue;
            }

            using var silence = new CancellationTokenSource(quiet, _time);
            using var listening = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, silence.Token);
            if (await ReadLineAsync(listening.Token) is null && silence.IsCancellationRequested && !linked.IsCancellationRequested)
            {
                if (_lines.HasPartial)
                {
                    // Half a line is not silence; read on.
                    continue;
                }

                IsOutOfStep = false;
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
        // A close can block for 15–30 s while cdc-acm drains (hardware.md §6.5): give it a deadline and
        // leave it to finish aside; the flasher's repeated touch copes with a port still held meanwhile.
        var closing = _port.CloseAsync(CancellationToken.None);
        try
        {
            await closing.WaitAsync(_closeDeadline, _time);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("Closing {Port} takes longer than {Deadline}; continuing without waiting", PortName, _closeDeadline);
        }
        catch (IOException ex)
        {
            _logger.LogDebug(ex, "Closing {Port} failed; the device is probably gone", PortName);
        }
    }
}
