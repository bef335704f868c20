using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>
/// Routes events to clients by client id, in memory: results carry their client id, so the hot path does no lookup.
/// </summary>
internal sealed class ClientEventHub(IOptions<JsonOptions> json, IOptions<ClientEventOptions> options)
{
    private readonly ConcurrentDictionary<string, ClientEventLog> _logs = new(StringComparer.Ordinal);

    public StreamEvent Publish<T>(string clientId, string type, T data) =>
        LogOf(clientId).Append(type, JsonSerializer.Serialize(data, json.Value.SerializerOptions));

    public Subscription Subscribe(string clientId, long? afterId) =>
        LogOf(clientId).Subscribe(afterId, options.Value.SubscriberBuffer);

    private ClientEventLog LogOf(string clientId) =>
        _logs.GetOrAdd(clientId, static (_, capacity) => new ClientEventLog(capacity), options.Value.RetainedEventsPerClient);
}
