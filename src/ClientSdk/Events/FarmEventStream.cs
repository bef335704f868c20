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
    private readonly SseParser<JsonElement> _parser;
    private readonly CancellationTokenSource _closing = new();
    private IAsyncEnumerator<SseItem<JsonElement>>? _items;
    private Task<bool>? _next;

    internal FarmEventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _body = new ActivityStream(body);
        _parser = SseParser.Create(_body, ParseData);
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
    /// The farm's events (control events dropped) until the stream ends; <paramref name="idleTimeout"/> ends the
    /// reading with an <see cref="OperationCanceledException"/> when no byte (event, keep-alive event or comment) arrived for that long.
    /// </summary>
    internal async IAsyncEnumerable<FarmEvent> ReadEventsAsync(TimeSpan idleTimeout, TimeProvider time, [EnumeratorCancellation] CancellationToken ct)
    {
        using var idle = new CancellationTokenSource(idleTimeout, time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(ct, idle.Token);
        _body.Activity = () => idle.CancelAfter(idleTimeout);
        try
        {
            await foreach (var item in ReadAllAsync(reading.Token))
            {
                yield return item;
            }
        }
        finally
        {
            _body.Activity = null;
        }
    }

    /// <summary>
    /// Reads events until the stream ends or <paramref name="ct"/> is cancelled. Each call goes on where the previous one
    /// stopped, also one stopped by its token while a read was under way: that read is kept, not lost.
    /// </summary>
    public async IAsyncEnumerable<FarmEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        // SseParser enumerates once: one enumerator serves every call, and a read a cancelled call left is awaited next.
        _items ??= _parser.EnumerateAsync(_closing.Token).GetAsyncEnumerator(_closing.Token);
        while (true)
        {
            _next ??= _items.MoveNextAsync().AsTask();
            var more = await _next.WaitAsync(ct);
            _next = null;
            if (!more)
            {
                yield break;
            }

            var item = _items.Current;
            if (IsControl(item.EventType))
            {
                continue;
            }

            var id = long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : (long?)null;
            if (id is not null)
            {
                LastEventId = id;
            }

            yield return new FarmEvent(id ?? 0, item.EventType, item.Data);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _body.Dispose();
        _response.Dispose();
        if (_next is { } pending)
        {
            // The read under way ends with the body; its outcome matters to nobody now.
            await pending.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (_items is not null)
        {
            await _items.DisposeAsync();
        }

        _closing.Dispose();
    }

    /// <summary>The farm's own signals (a newer server's form of the comments), which carry no id and nothing for a reader.</summary>
    private static bool IsControl(string type) => type is StreamEventTypes.Connected or StreamEventTypes.KeepAlive;

    private static JsonElement ParseData(string type, ReadOnlySpan<byte> data) =>
        IsControl(type) ? default
        : data.IsEmpty ? JsonSerializer.Deserialize("null"u8, FarmJsonContext.Default.JsonElement)
        : JsonSerializer.Deserialize(data, FarmJsonContext.Default.JsonElement);
}
