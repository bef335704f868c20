using System.Runtime.CompilerServices;
using System.Text.Json;

namespace IceFarm.Client.Events;

/// <summary>The caller's live event stream. Open it before acting so no event of the action is missed.</summary>
public sealed class FarmEventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly ServerSentEventReader _reader;

    internal FarmEventStream(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new ServerSentEventReader(body);
    }

    /// <summary>The id of the last event read; pass it to <see cref="FarmClient.OpenEventsAsync"/> to resume.</summary>
    public long? LastEventId { get; private set; }

    internal async Task WaitForConnectedAsync(CancellationToken ct)
    {
        var item = await _reader.ReadAsync(ct);
        if (item?.Comment != "connected")
        {
            throw new IOException("The event stream did not start with the farm's confirmation of the subscription.");
        }
    }

    /// <summary>Reads the next event or comment (keep-alives included); null when the farm closed the stream.</summary>
    internal Task<ServerSentItem?> ReadItemAsync(CancellationToken ct) => _reader.ReadAsync(ct);

    /// <summary>Reads events until the stream ends or <paramref name="ct"/> is cancelled.</summary>
    public async IAsyncEnumerable<FarmEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await _reader.ReadAsync(ct) is { } item)
        {
            if (item.Comment is not null)
            {
                continue;
            }

            if (item.Id is { } id)
            {
                LastEventId = id;
            }

            using var data = JsonDocument.Parse(item.Data.Length == 0 ? "null" : item.Data);
            yield return new FarmEvent(item.Id ?? 0, item.Type, data.RootElement.Clone());
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
