using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Marten;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Routes events to clients by client id. Producers carry the client id (results echo it from the command), so the hot
/// path does no lookup; events are numbered and stored in batches by <see cref="ClientEventWriter"/>, then delivered.
/// </summary>
internal sealed class ClientEventHub(IDocumentStore store, IOptions<JsonOptions> json, IOptions<ClientEventOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, ClientEventLog> _logs = new(StringComparer.Ordinal);
    private readonly Channel<PendingClientEvent> _pending = Channel.CreateUnbounded<PendingClientEvent>(new UnboundedChannelOptions { SingleReader = true });

    internal ChannelReader<PendingClientEvent> Pending => _pending.Reader;

    /// <summary>Queues an event; it is delivered once stored. Use <see cref="PublishAsync"/> to wait for that.</summary>
    public void Publish<T>(string clientId, string type, T data) => Enqueue(clientId, type, data, null);

    /// <summary>Queues an event and completes once it is stored and delivered (a consumer acks its message only then).</summary>
    public Task<StreamEvent> PublishAsync<T>(string clientId, string type, T data, CancellationToken ct) =>
        Enqueue(clientId, type, data, null).Stored.Task.WaitAsync(ct);

    /// <summary>Publishes the event that ends an evaluation; its ticket is deleted with the stored event.</summary>
    public Task<StreamEvent> PublishClosingAsync<T>(string clientId, string type, T data, Guid evaluationId, CancellationToken ct) =>
        Enqueue(clientId, type, data, evaluationId).Stored.Task.WaitAsync(ct);

    public async Task<(IReadOnlyList<StreamEvent> Replay, Subscription Subscription)> SubscribeAsync(string clientId, long? afterId, CancellationToken ct)
    {
        var log = await LogAsync(clientId, ct);
        var (replay, upTo, subscription) = log.Subscribe(afterId, options.Value.SubscriberBuffer);
        if (replay is not null)
        {
            return (replay, subscription);
        }

        try
        {
            await using var session = store.QuerySession();
            var stored = await session.Query<ClientEventRecord>()
                .Where(r => r.ClientId == clientId && r.Seq > afterId!.Value && r.Seq <= upTo)
                .OrderBy(r => r.Seq)
                .ToListAsync(ct);
            return ([.. stored.Select(r => new StreamEvent(r.Seq, r.Type, r.Data))], subscription);
        }
        catch
        {
            subscription.Dispose();
            throw;
        }
    }

    internal async Task<ClientEventLog> LogAsync(string clientId, CancellationToken ct)
    {
        var log = _logs.GetOrAdd(clientId, static (id, capacity) => new ClientEventLog(id, capacity), options.Value.RetainedEventsPerClient);
        await log.EnsureInitializedAsync(LoadLastIdAsync, ct);
        return log;
    }

    public void Dispose()
    {
        foreach (var log in _logs.Values)
        {
            log.Dispose();
        }
    }

    private PendingClientEvent Enqueue<T>(string clientId, string type, T data, Guid? closesEvaluation)
    {
        var pending = new PendingClientEvent(clientId, type, JsonSerializer.Serialize(data, json.Value.SerializerOptions), closesEvaluation);
        if (!_pending.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The client event stream is shut down.");
        }

        return pending;
    }

    private async Task<long> LoadLastIdAsync(string clientId, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var last = await session.Query<ClientEventRecord>()
            .Where(r => r.ClientId == clientId)
            .OrderByDescending(r => r.Seq)
            .Select(r => r.Seq)
            .FirstOrDefaultAsync(ct);
        return last;
    }
}
