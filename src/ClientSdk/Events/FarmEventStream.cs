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

    /// <summary>Reads events until the stream ends or <paramref name="ct"/> is cancelled; can be enumerated once.</summary>
    public async IAsyncEnumerable<FarmEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in _parser.EnumerateAsync(ct))
        {
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
    public ValueTask DisposeAsync()
    {
        _body.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The farm's own signals (a newer server's form of the comments), which carry no id and nothing for a reader.</summary>
    private static bool IsControl(string type) => type is StreamEventTypes.Connected or StreamEventTypes.KeepAlive;

    private static JsonElement ParseData(string type, ReadOnlySpan<byte> data) =>
        IsControl(type) ? default
        : data.IsEmpty ? JsonSerializer.Deserialize("null"u8, FarmJsonContext.Default.JsonElement)
        : JsonSerializer.Deserialize(data, FarmJsonContext.Default.JsonElement);
}
