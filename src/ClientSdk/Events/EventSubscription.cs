using System.Runtime.CompilerServices;

namespace IceFarm.Client.Events;

/// <summary>
/// The caller's event stream kept alive: a dropped or silent connection is reopened with <c>Last-Event-ID</c>, and an
/// event seen before (ids only grow) is skipped, so readers see every event once and in order.
/// </summary>
internal sealed class EventSubscription(FarmClient client, FarmEventStream first, FarmClientOptions options, long? resumeAfter = null) : IAsyncDisposable
{
    private FarmEventStream? _current = first;

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

            var item = await TryReadAsync(_current, ct);
            if (item is null)
            {
                await _current.DisposeAsync();
                _current = null;
                continue;
            }

            delay = TimeSpan.FromMilliseconds(100);
            // An event without an id (the farm's control events are dropped before this) cannot be resumed from.
            if (item.Id <= (LastEventId ?? 0))
            {
                continue;
            }

            LastEventId = item.Id;
            yield return item;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_current is not null)
        {
            await _current.DisposeAsync();
        }
    }

    /// <summary>The next event, or null when the connection dropped, ended or went silent past the idle timeout.</summary>
    private async Task<FarmEvent?> TryReadAsync(FarmEventStream stream, CancellationToken ct)
    {
        try
        {
            return await stream.NextEventAsync(options.EventStreamIdleTimeout, options.TimeProvider, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            return null;
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
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is IOException or HttpRequestException or OperationCanceledException or FarmApiException)
        {
            return null;
        }
    }
}
