using System.Runtime.CompilerServices;

namespace IceFarm.Client.Events;

/// <summary>
/// The caller's event stream kept alive: a dropped or silent connection is reopened with <c>Last-Event-ID</c>, and an
/// event seen before (ids only grow) is skipped, so readers see every event once and in order.
/// </summary>
internal sealed class EventSubscription(FarmClient client, FarmEventStream first, FarmClientOptions options, long? resumeAfter = null) : IAsyncDisposable
{
    private FarmEventStream? _current = first;
    private IAsyncEnumerator<FarmEvent>? _events;

    /// <summary>The id of the last event delivered.</summary>
    public long? LastEventId { get; private set; } = resumeAfter;

    /// <summary>How many times the stream was resumed.</summary>
    public int Resumes { get; private set; }

    public async IAsyncEnumerable<FarmEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var delay = TimeSpan.FromMilliseconds(100);
        while (!ct.IsCancellationRequested)
        {
            if (_current is null)
            {
                _current = await TryResumeAsync(ct);
                if (_current is null)
                {
                    await Task.Delay(delay, options.TimeProvider, ct);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxReconnectDelay.Ticks));
                    continue;
                }

                Resumes++;
            }

            _events ??= _current.ReadEventsAsync(options.EventStreamIdleTimeout, options.TimeProvider, ct).GetAsyncEnumerator(ct);
            var item = await TryReadAsync(_events, ct);
            if (item is null)
            {
                await CloseCurrentAsync();
                continue;
            }

            delay = TimeSpan.FromMilliseconds(100);
            // An event without an id (a farm's control event is dropped before this) cannot be resumed from, so it is not delivered.
            if (item.Id <= (LastEventId ?? 0))
            {
                continue;
            }

            LastEventId = item.Id;
            yield return item;
        }
    }

    public ValueTask DisposeAsync() => CloseCurrentAsync();

    /// <summary>The next event, or null when the connection dropped, ended or went silent past the idle timeout.</summary>
    private static async Task<FarmEvent?> TryReadAsync(IAsyncEnumerator<FarmEvent> events, CancellationToken ct)
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
        }
    }

    private async ValueTask CloseCurrentAsync()
    {
        if (_events is not null)
        {
            await _events.DisposeAsync();
            _events = null;
        }

        if (_current is not null)
        {
            await _current.DisposeAsync();
            _current = null;
        }
    }

    private async Task<FarmEventStream?> TryResumeAsync(CancellationToken ct)
    {
        try
        {
            // Before any event arrived there is no id to resume from; 0 replays what the farm retained, and the
            // readers ignore what is not theirs, so nothing of this lease is lost.
            return await client.OpenEventsAsync(LastEventId ?? 0, ct);
        }
        catch (FarmApiException ex) when (ex.Status is 401 or 403)
        {
            throw;
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException or FarmApiException)
        {
            return null;
        }
    }
}
