using IceFarm.ReservationService.ClientEvents;
using IceFarm.ReservationService.Drain;
using IceFarm.ReservationService.Workers;
using Marten;

namespace IceFarm.ReservationService.Hosting;

/// <summary>The documents and schema objects only the ReservationService uses, on top of the farm's shared store (FarmStore).</summary>
internal static class ServiceStore
{
    public static void Configure(StoreOptions options)
    {
        options.Schema.For<BoardResend>();
        options.Schema.For<Queue.ReplicaPresence>();
        options.Schema.For<Idempotency.IdempotentRequest>().Index(x => x.At);
        options.ConfigureClientEventStore();
        // Each upload counts its reservation's open evaluations per board (the per-board bound).
        options.Schema.For<Evaluations.EvaluationTicket>().Index(x => x.ReservationId);
        options.ConfigureDrainStore();
    }
}
