using Marten;
using Weasel.Postgresql.Tables;

namespace IceFarm.ReservationService.ClientEvents;

/// <summary>The client events' place in the schema: the stored events and the per-client counters that number them.</summary>
internal static class ClientEventStore
{
    public static void ConfigureClientEventStore(this StoreOptions options)
    {
        options.Schema.For<ClientEventRecord>().Index(x => x.ClientId).Index(x => x.At);
        var counters = new Table($"{options.DatabaseSchemaName}.{ClientEventDatabase.CountersTable}");
        counters.AddColumn<string>("client_id").AsPrimaryKey();
        counters.AddColumn<long>("last_seq").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(counters);
    }
}
