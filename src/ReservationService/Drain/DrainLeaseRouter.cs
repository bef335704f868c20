using IceFarm.Contracts.Reservations;
using Marten;
using MassTransit;

namespace IceFarm.ReservationService.Drain;

/// <summary>
/// Hands a reservation's end to the drain waiting for it. The saga used to find that drain with MassTransit's
/// <c>CorrelateBy</c> query, which compiles the correlation expression for every message; nearly every reservation ends
/// on a worker that is not draining, so that cost was paid on each end for nothing. One compiled query finds the drains,
/// and each is addressed by its id. A drain that misses one (a crash between the two) is corrected by
/// <see cref="DrainMonitor"/>'s recount.
/// </summary>
internal sealed class DrainLeaseRouter(IQuerySession session) : IConsumer<ReservationEnded>
{
    public async Task Consume(ConsumeContext<ReservationEnded> context)
    {
        var ended = context.Message;
        var workers = await session.QueryAsync(new DrainsWaitingFor { ReservationId = ended.ReservationId }, context.CancellationToken);
        foreach (var worker in workers)
        {
            await context.Publish(new DrainLeaseEnded(worker, ended.ReservationId, ended.Reason), context.CancellationToken);
        }
    }
}
