using Marten;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>The client feed's place in the store: one event stream per client, compacted by retention.</summary>
internal static class ClientEventStore
{
    public static string StreamId(string clientId) => $"client-{clientId}";

    public static void ConfigureClientEventStore(this StoreOptions options)
    {
        options.Events.AddEventType<ClientFeedEvent>();
        // Not projected: the writer appends without reading the stream, and retention's compaction folds expired
        // events into a ClientFeedHistory as it goes.
    }
}
