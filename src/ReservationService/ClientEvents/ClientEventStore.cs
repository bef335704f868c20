using JasperFx.Events.Projections;
using Marten;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>The client feed's place in the store: one event stream per client, compacted by retention.</summary>
internal static class ClientEventStore
{
    public static string StreamId(string clientId) => $"client-{clientId}";

    public static void ConfigureClientEventStore(this StoreOptions options)
    {
        options.Events.AddEventType<ClientFeedEvent>();
        // The writer locks a client's stream by fetching this small snapshot for exclusive writing (no replay of the
        // stream), and retention's compaction folds expired events into it.
        options.Projections.Snapshot<ClientFeedHistory>(SnapshotLifecycle.Inline);
    }
}
