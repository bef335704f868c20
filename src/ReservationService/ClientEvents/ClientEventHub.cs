using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Routes events to clients by client id. Producers carry the client id (results echo it from the command), so the hot
/// path does no lookup; events are appended to the clients' streams in batches by <see cref="ClientEventWriter"/>, then
/// delivered.
/// Events another replica stored reach this replica's streams through <see cref="Wake"/> (a notification, or the
/// fallback poll), which reads them from the store in order.
/// </summary>
internal sealed class ClientEventHub(
    ClientFeedStore feed, IOptions<JsonOptions> json, IOptions<ClientEventOptions> options, ILogger<ClientEventHub> logger)
    : IDisposable
{
    private const int CatchUpPage = 500;
    private readonly ConcurrentDictionary<string, ClientEventLog> _logs = new(StringComparer.Ordinal);
    private readonly Channel<PendingClientEvent> _pending = Channel.CreateUnbounded<PendingClientEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Tags this replica's notifications, so it does not read back from the store what it delivered itself.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    internal ChannelReader<PendingClientEvent> Pending => _pending.Reader;

    /// <summary>Queues an event; it is delivered once stored. Use <see cref="PublishAsync"/> to wait for that.</summary>
    public void Publish<T>(string clientId, string type, T data) => Enqueue(clientId, type, data, null);

    /// <summary>Queues an event and completes once it is stored and delivered (a consumer acks its message only then).</summary>
    public async Task<StreamEvent> PublishAsync<T>(string clientId, string type, T data, CancellationToken ct) =>
        await Enqueue(clientId, type, data, null).Stored.Task.WaitAsync(ct)
        ?? throw new InvalidOperationException("An event that ends no evaluation is always stored.");

    /// <summary>
    /// Publishes the event that ends an evaluation; its ticket is deleted with the stored event. Null when the evaluation
    /// had already ended (its ticket was gone, whichever replica deleted it) or the claim does not match its ticket:
    /// nothing is stored then.
    /// </summary>
    /// <remarks><paramref name="ticket"/>: the caller has just read it, so the writer need not.</remarks>
    public Task<StreamEvent?> PublishClosingAsync<T>(string clientId, string type, T data, ClosingClaim claim, CancellationToken ct,
        Evaluations.EvaluationTicket? ticket = null) =>
        Enqueue(clientId, type, data, claim, ticket).Stored.Task.WaitAsync(ct);

    /// <summary>
    /// The events after <paramref name="afterId"/> up to now (read from the store a page at a time as the caller writes
    /// them: a resume from an old id holds one page in memory, not every retained event), and the live subscription that
    /// continues them.
    /// </summary>
    /// <remarks>
    /// An id beyond the client's stream was never given by it (it dates from before the feed moved to Marten streams, or
    /// the database was restored from a backup): the client then gets the whole retained stream, <c>From</c> 0.
    /// </remarks>
    public async Task<(IAsyncEnumerable<StreamEvent> Replay, Subscription Subscription, long From)> SubscribeAsync(string clientId, long? afterId, CancellationToken ct)
    {
        var log = await LogAsync(clientId, ct);
        if (afterId > log.LastDelivered && afterId > await LoadLastIdAsync(clientId, ct))
        {
            logger.LogWarning("Client {ClientId} resumed from event {Id}, beyond its stream: sending the stream from its start", clientId, afterId);
            afterId = 0;
        }

        var (replay, upTo, subscription) = log.Subscribe(afterId, options.Value.SubscriberBuffer);
        // Another replica may have stored events since this one last delivered: the live feed picks them up from the store.
        StartCatchUp(log);
        return (replay ? ReadPagesAsync(clientId, afterId!.Value, upTo, ct) : AsyncEnumerable.Empty<StreamEvent>(), subscription, afterId ?? 0);
    }

    private async IAsyncEnumerable<StreamEvent> ReadPagesAsync(string clientId, long after, long upTo, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        while (true)
        {
            var (page, lastRead, more) = await feed.ReadAsync(clientId, after, upTo, options.Value.ReplayPage, ct);
            foreach (var item in page)
            {
                yield return item;
            }

            after = lastRead;
            if (!more)
            {
                yield break;
            }
        }
    }

    /// <summary>Delivers an event this replica stored to its streams here (other replicas are woken by the notification).</summary>
    public void DeliverStored(string clientId, StreamEvent item)
    {
        if (_logs.TryGetValue(clientId, out var log) && !log.Deliver(item))
        {
            StartCatchUp(log);
        }
    }

    /// <summary>
    /// A notification <c>{origin} {client}</c>: the client's stream has new events. The older form
    /// <c>{origin} {last id} {client}</c> (a replica of the previous version, during a rolling update) is read too.
    /// </summary>
    public void OnNotification(string payload)
    {
        var parts = payload.Split(' ');
        var last = long.MaxValue;
        if (parts.Length is < 2 or > 3 || (parts.Length == 3 && !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)))
        {
            logger.LogWarning("Ignoring a malformed client event notification: {Payload}", payload);
            return;
        }

        if (parts[0] != Origin)
        {
            Wake(parts[^1], last);
        }
    }

    /// <summary>Events up to <paramref name="last"/> exist for the client; streams here that miss some read them from the store.</summary>
    public void Wake(string clientId, long last)
    {
        if (_logs.TryGetValue(clientId, out var log) && log.HasSubscribers && last > log.LastDelivered)
        {
            StartCatchUp(log);
        }
    }

    /// <summary>The fallback for a lost notification: compares the streams open here with the store's.</summary>
    public async Task PollAsync(CancellationToken ct)
    {
        string[] open = [.. _logs.Values.Where(l => l.HasSubscribers).Select(l => l.ClientId)];
        if (open.Length == 0)
        {
            return;
        }

        foreach (var (clientId, last) in await feed.LastIdsAsync(open, ct))
        {
            Wake(clientId, last);
        }
    }

    internal async Task<ClientEventLog> LogAsync(string clientId, CancellationToken ct)
    {
        var log = _logs.GetOrAdd(clientId, static id => new ClientEventLog(id));
        await log.EnsureInitializedAsync(LoadLastIdAsync, ct);
        return log;
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
    }

    private void StartCatchUp(ClientEventLog log)
    {
        if (log.RequestCatchUp())
        {
            _ = Task.Run(() => CatchUpAsync(log, _stopping.Token));
        }
    }

    private async Task CatchUpAsync(ClientEventLog log, CancellationToken ct)
    {
        try
        {
            do
            {
                var after = log.LastDelivered;
                bool more;
                do
                {
                    IReadOnlyList<StreamEvent> page;
                    (page, after, more) = await feed.ReadAsync(log.ClientId, after, long.MaxValue, CatchUpPage, ct);
                    foreach (var item in page)
                    {
                        log.Deliver(item, fromStore: true);
                    }
                }
                while (more);
            }
            while (log.FinishCatchUp());
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // The next notification, local write or fallback poll starts another catch-up.
            log.FinishCatchUp();
            logger.LogError(ex, "Reading stored events of {ClientId} for its open streams failed", log.ClientId);
        }
        catch (Exception) when (ct.IsCancellationRequested)
        {
            // Shutting down: the streams close with the service.
        }
    }

    private PendingClientEvent Enqueue<T>(string clientId, string type, T data, ClosingClaim? closes, Evaluations.EvaluationTicket? ticket = null)
    {
        var pending = new PendingClientEvent(clientId, type, JsonSerializer.Serialize(data, json.Value.SerializerOptions), closes) { Ticket = ticket };
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The client event stream is shut down.");
        }

        return pending;
    }

    private async Task<long> LoadLastIdAsync(string clientId, CancellationToken ct) =>
        (await feed.LastIdsAsync([clientId], ct)).GetValueOrDefault(clientId);
}
