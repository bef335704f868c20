using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using IceFarm.Client.Internal;
using IceFarm.Contracts.Http;

namespace IceFarm.Client.Events;

/// <summary>The caller's live event stream. Open it before acting so no event of the action is missed.</summary>
public sealed class FarmEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly ActivityStream _body;
    // One enumeration for the stream's life (SseParser allows one): each read goes on where the last stopped.
    private readonly IAsyncEnumerator<SseItem<JsonElement>> _items;
    private readonly Lock _gate = new();
    private bool _reading;
    private bool _disposed;

    internal FarmEventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _body = new ActivityStream(body);
        _items = SseParser.Create(_body, ParseData).EnumerateAsync().GetAsyncEnumerator();
    }

    /// <summary>The id of the last event read; pass it to <see cref="FarmClient.OpenEventsAsync"/> to resume.</summary>
    public long? LastEventId { get; private set; }

    /// <summary>
    /// Returns once the farm confirmed the subscription. Both of its forms (an older server's <c>: connected</c>
    /// comment, a newer one's <c>connected</c> event) are the first bytes of the body, and the farm sends them only
    /// once the subscription exists, so the first bytes are the confirmation.
    /// </summary>
    internal async Task WaitForConnectedAsync(CancellationToken ct)
    {
        if (!await _body.WaitForFirstBytesAsync(ct))
        {
            throw new IOException("The event stream ended before the farm confirmed the subscription.");
        }
    }

    /// <summary>
    /// The next event, as <see cref="NextEventAsync(CancellationToken)"/>; fails with an
    /// <see cref="OperationCanceledException"/> when no byte (event, keep-alive event or comment) arrived for <paramref name="idleTimeout"/>.
    /// </summary>
    internal async Task<FarmEvent?> NextEventAsync(TimeSpan idleTimeout, TimeProvider time, CancellationToken ct)
    {
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct, idle.Token);
        _body.Activity = () => idle.CancelAfter(idleTimeout);
        try
        {
            return await NextEventAsync(reading.Token);
        }
        finally
        {
            _body.Activity = null;
        }
    }

    /// <summary>Reads events until the stream ends or <paramref name="ct"/> is cancelled; a later call goes on where this one stopped.</summary>
    public async IAsyncEnumerable<FarmEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await NextEventAsync(ct) is { } item)
        {
            yield return item;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        bool idle;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            idle = !_reading;
        }

        // The body first: a read in flight fails at once, and the reader then disposes the enumeration (an async
        // enumerator cannot be disposed while it runs).
        _body.Dispose();
        _response.Dispose();
        if (idle)
        {
            await _items.DisposeAsync();
        }
    }

    /// <summary>The next event of the farm's feed (its control events skipped); null when the farm closed the stream.</summary>
    private async Task<FarmEvent?> NextEventAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _reading = true;
        }

        _body.Cancellation = ct;
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                if (!await _items.MoveNextAsync())
                {
                    return null;
                }

                var item = _items.Current;
                if (IsControl(item.EventType))
                {
                    continue;
                }

                var id = long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
                LastEventId = id ?? LastEventId;
                return new FarmEvent(id ?? 0, item.EventType, item.Data);
            }
        }
        finally
        {
            _body.Cancellation = default;
            await EndReadAsync();
        }
    }

    private async ValueTask EndReadAsync()
    {
        bool disposed;
        lock (_gate)
        {
            _reading = false;
            disposed = _disposed;
        }

        if (disposed)
        {
            await _items.DisposeAsync();
        }
    }

    /// <summary>The farm's own signals (a newer server's form of the comments), which carry no id and nothing for a reader.</summary>
    private static bool IsControl(string type) => type is StreamEventTypes.Connected or StreamEventTypes.KeepAlive;

    private static JsonElement ParseData(string type, ReadOnlySpan<byte> data) =>
        IsControl(type) ? default
        : data.IsEmpty ? JsonSerializer.Deserialize("null"u8, FarmJsonContext.Default.JsonElement)
        : JsonSerializer.Deserialize(data, FarmJsonContext.Default.JsonElement);
}
